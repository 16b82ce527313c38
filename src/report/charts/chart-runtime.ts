/* eslint-disable */
// Runs in two places: in Node before rendering a PNG, and in the browser, where report.html inlines its source with
// Function.prototype.toString. So it must stay self-contained: no imports, no references outside its own body.

/**
 * Turns a plain-data chart config into one Chart.js can draw: number formats for ticks and tooltips (from
 * options.plugins.sqsSimAxes), a tooltip line for a point's `note`, and the annotation plugin (bands and vertical
 * lines from options.plugins.sqsSimAnnotations). Mutates and returns the config.
 */
export function hydrateChartConfig(config: any): any {
  const options = (config.options = config.options || {});
  const plugins = (options.plugins = options.plugins || {});
  const axes = plugins.sqsSimAxes || {};
  const scales = (options.scales = options.scales || {});

  function trim(x: number, digits: number): string {
    return String(Number(x.toFixed(digits)));
  }
  function duration(s: number): string {
    const a = Math.abs(s);
    if (a === 0) return "0";
    if (a < 0.001) return trim(s * 1e6, 0) + " µs";
    if (a < 1) return trim(s * 1000, a < 0.01 ? 2 : 0) + " ms";
    if (a < 120) return trim(s, a < 10 ? 2 : 1) + " s";
    if (a < 7200) return trim(s / 60, 1) + " min";
    if (a < 172800) return trim(s / 3600, 1) + " h";
    return trim(s / 86400, 1) + " d";
  }
  function pad(n: number): string {
    return n < 10 ? "0" + n : String(n);
  }
  function clock(epochMs: number, withDate: boolean): string {
    const d = new Date(epochMs);
    const hm = pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes());
    return withDate ? d.toISOString().slice(5, 10) + " " + hm : hm;
  }
  function format(f: any, v: number, axisMax?: number): string {
    if (typeof v !== "number" || !isFinite(v)) return String(v);
    switch (f.kind) {
      case "elapsed": {
        if (typeof f.startEpochMs === "number") return clock(f.startEpochMs + v * 1000, f.withDate === true);
        // Hours read as h:mm (1:30), not as decimals (1.5 h).
        if (f.unit === "h") {
          const minutes = Math.round(v / 60);
          return Math.floor(minutes / 60) + ":" + pad(minutes % 60);
        }
        const div = f.unit === "min" ? 60 : f.unit === "d" ? 86400 : 1;
        return trim(v / div, 2) + " " + f.unit;
      }
      case "duration": {
        // On a log axis Chart.js puts ticks at 1-9 × 10^k; label only the listed mantissas so labels stay apart.
        if (f.logTicks) {
          const mantissa = Number((v / Math.pow(10, Math.floor(Math.log10(v)))).toPrecision(3));
          if (f.logTicks.indexOf(mantissa) < 0) return "";
        }
        return duration(v);
      }
      case "usd": {
        // Cents suffice on an axis that reaches 5 cents or more; a tooltip value (no axis) keeps 4 decimals below $1.
        const fine = axisMax === undefined ? Math.abs(v) < 1 && v !== 0 : axisMax < 0.05;
        return "$" + v.toFixed(fine ? 4 : 2);
      }
      case "percent":
        return trim(v, 1) + "%";
      default:
        return Math.abs(v) >= 1000 ? Math.round(v).toLocaleString("en-US") : trim(v, 2);
    }
  }

  for (const id of Object.keys(axes)) {
    const scale = (scales[id] = scales[id] || {});
    const ticks = (scale.ticks = scale.ticks || {});
    const f = axes[id];
    ticks.callback = function (value: any, _index: number, all: any[]) {
      const last = all && all.length > 0 ? all[all.length - 1] : undefined;
      return format(f, Number(value), last ? Math.abs(Number(last.value)) : undefined);
    };
  }

  // Chart.js draws point-style legend samples with the point's style, which has no dash: give each line's sample
  // the line's own dash and width, so the legend still pairs with the lines in greyscale.
  const legend = (plugins.legend = plugins.legend || {});
  const legendLabels = (legend.labels = legend.labels || {});
  legendLabels.generateLabels = function (chart: any) {
    const items = chart.constructor.defaults.plugins.legend.labels.generateLabels(chart);
    for (const item of items) {
      const ds = chart.data.datasets[item.datasetIndex];
      if (!ds || ds.type === "scatter") continue;
      item.lineDash = ds.borderDash || [];
      item.lineWidth = ds.borderWidth || 2;
      item.strokeStyle = ds.borderColor;
    }
    return items;
  };

  const tooltip = (plugins.tooltip = plugins.tooltip || {});
  const callbacks = (tooltip.callbacks = tooltip.callbacks || {});
  callbacks.title = function (items: any[]) {
    const item = items[0];
    if (!item) return "";
    const xf = axes[item.dataset.xAxisID || "x"] || axes.x;
    return xf ? format(xf, item.parsed.x) : String(item.label);
  };
  callbacks.label = function (item: any) {
    const yf = axes[item.dataset.yAxisID || "y"];
    const value = yf ? format(yf, item.parsed.y) : String(item.parsed.y);
    const note = item.raw && typeof item.raw === "object" && item.raw.note ? " — " + item.raw.note : "";
    return item.dataset.label + ": " + value + note;
  };

  const annotationPlugin = {
    id: "sqsSimAnnotations",
    beforeDatasetsDraw(chart: any, _args: any, opts: any) {
      const bands = (opts && opts.bands) || [];
      const lines = (opts && opts.lines) || [];
      const x = chart.scales.x;
      const area = chart.chartArea;
      if (!x || !area) return;
      const ctx = chart.ctx;
      ctx.save();
      ctx.beginPath();
      ctx.rect(area.left, area.top, area.right - area.left, area.bottom - area.top);
      ctx.clip();
      ctx.font = "11px sans-serif";
      for (const b of bands) {
        const left = x.getPixelForValue(b.from);
        const right = x.getPixelForValue(b.to);
        ctx.fillStyle = b.color;
        ctx.fillRect(left, area.top, Math.max(1, right - left), area.bottom - area.top);
        // Named where it fits: in greyscale two bands' tints look alike, their names do not.
        if (b.label && ctx.measureText(b.label).width + 6 <= right - left) {
          ctx.fillStyle = "#444444";
          ctx.fillText(b.label, left + 3, area.bottom - 4);
        }
      }
      lines.forEach(function (l: any, i: number) {
        const px = x.getPixelForValue(l.at);
        ctx.strokeStyle = l.color;
        ctx.lineWidth = 1;
        ctx.setLineDash(l.dash || []);
        ctx.beginPath();
        ctx.moveTo(px, area.top);
        ctx.lineTo(px, area.bottom);
        ctx.stroke();
        if (l.label) {
          ctx.fillStyle = l.color;
          // Staggered, so labels of lines close together do not print over each other; near the right edge the
          // label goes to the left of its line so that it is not cut off.
          const width = ctx.measureText(l.label).width;
          const tx = px + 3 + width > area.right ? px - 3 - width : px + 3;
          ctx.fillText(l.label, tx, area.top + 12 + 14 * (i % 4));
        }
      });
      ctx.restore();
    },
  };
  config.plugins = (config.plugins || []).concat([annotationPlugin]);
  return config;
}
