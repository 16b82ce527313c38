// The report pages' stylesheet: system fonts, one readable column, tables in a grid, print-friendly.
export const PAGE_CSS = `
:root { color-scheme: light; --ink: #1d1d1f; --muted: #5f6368; --rule: #d9dce1; --panel: #f6f7f9; --accent: #0072b2; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.5;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1200px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 1.8rem; margin: 0 0 4px; }
h2 { font-size: 1.3rem; margin: 40px 0 12px; padding-bottom: 4px; border-bottom: 2px solid var(--rule); }
h3 { font-size: 1.05rem; margin: 0 0 8px; }
p.description { margin: 4px 0 12px; max-width: 75ch; }
dl.facts { display: flex; flex-wrap: wrap; gap: 4px 24px; margin: 8px 0; color: var(--muted); }
dl.facts div { display: flex; gap: 6px; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; font-variant-numeric: tabular-nums; }
nav { margin: 8px 0 0; font-size: 0.95rem; }
nav a { margin-right: 14px; }
a { color: var(--accent); }
.tables { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 20px; align-items: start; }
table { border-collapse: collapse; width: 100%; background: var(--panel); }
caption { text-align: left; font-weight: 700; padding: 0 0 4px; }
th, td { padding: 4px 10px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
tbody th[scope="row"] { font-weight: 400; }
td.value, td.run { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
thead th { background: #e9ecf1; vertical-align: bottom; }
thead th.run { text-align: right; }
tbody th.section { background: #e9ecf1; font-size: 0.95rem; }
tr.differs td.run { font-weight: 600; }
table.side-by-side { width: auto; min-width: 50%; max-width: 100%; }
p.differs { margin: 8px 0; }
p.differs code { font-size: 0.92em; background: #e9ecf1; padding: 0 3px; border-radius: 3px; }
ol.runs { padding-left: 22px; margin: 8px 0; }
ol.runs dl.facts { margin: 0 0 8px; font-size: 0.92rem; }
th .sub { display: block; font-weight: 400; color: var(--muted); font-size: 0.9em; }
figure.chart { margin: 0 0 36px; }
.chart-box { position: relative; width: 100%; background: #fff; border: 1px solid var(--rule); border-radius: 6px; padding: 8px; }
.chart-box canvas { cursor: crosshair; }
.zoom-selection { position: absolute; background: rgba(0, 114, 178, 0.15); border: 1px solid rgba(0, 114, 178, 0.6); pointer-events: none; }
.chart-tools { display: flex; justify-content: flex-end; margin-top: 6px; }
.hint { color: var(--muted); font-size: 0.9rem; }
button.reset-zoom { font: inherit; font-size: 0.9rem; padding: 2px 10px; border: 1px solid var(--rule); border-radius: 4px; background: var(--panel); cursor: pointer; }
figcaption { margin-top: 6px; max-width: 90ch; }
figcaption strong { font-weight: 600; }
details { background: var(--panel); border-radius: 6px; padding: 8px 12px; margin: 0 0 12px; }
summary { cursor: pointer; font-weight: 600; }
pre { overflow: auto; max-height: 32rem; font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
footer { margin-top: 40px; color: var(--muted); font-size: 0.9rem; }
.table-scroll { overflow: auto; max-height: 70vh; border: 1px solid var(--rule); border-radius: 6px; }
table.results { width: auto; min-width: 100%; font-size: 0.92rem; }
table.results thead th { position: sticky; top: 0; z-index: 1; white-space: nowrap; }
table.results td { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.results td.parameter { text-align: left; }
table.results .ci { display: block; color: var(--muted); font-size: 0.85em; }
table.results tr.recommended td { background: #fff4cc; font-weight: 600; }
table.results tr.infeasible td { color: var(--muted); }
th button.sort { font: inherit; font-weight: 700; border: 0; background: none; padding: 0; cursor: pointer; color: inherit; text-align: inherit; }
th button.sort::after { content: " \\2195"; color: var(--muted); font-weight: 400; }
th[aria-sort="ascending"] button.sort::after { content: " \\2191"; color: var(--ink); }
th[aria-sort="descending"] button.sort::after { content: " \\2193"; color: var(--ink); }
.recommendation { background: var(--panel); border-left: 4px solid var(--accent); padding: 8px 14px; margin: 0 0 16px; }
.recommendation p { margin: 4px 0; }
[hidden] { display: none !important; }
@media print { .chart-tools, nav { display: none; } figure.chart { break-inside: avoid; } }
`;
