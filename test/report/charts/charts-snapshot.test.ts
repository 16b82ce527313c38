// Snapshots of every chart's shape as data: what a reviewer reads to see what changed in a chart, without every point.
import { describe, expect, it } from "vitest";
import { type ChartSpec } from "../../../src/report/charts/chart-spec.js";
import { buildCharts } from "../../../src/report/charts/index.js";
import { ASG_YAML, datasetsOf, DELAY_DLQ_YAML, FIXED_YAML, optionsOf, runYaml } from "./fixtures.js";

const round3 = (v: unknown): unknown => (typeof v === "number" ? Number(v.toFixed(3)) : v);

/** Everything about a chart's look and layout, plus the first 3 points of each dataset. */
function digest(spec: ChartSpec): Record<string, unknown> {
  const options = optionsOf(spec);
  const plugins = options.plugins ?? {};
  const annotations = plugins.sqsSimAnnotations as { bands?: Record<string, unknown>[]; lines?: Record<string, unknown>[] } | undefined;
  return {
    id: spec.id,
    title: spec.title,
    type: spec.config.type,
    pluginTitle: plugins.title?.text,
    pluginSubtitle: plugins.subtitle?.display ? plugins.subtitle.text : null,
    // One line per dataset: label | type | colour dash | axis | fill | stack | points | first 3 points.
    datasets: datasetsOf(spec).map((d) =>
      [
        d.label,
        d.type,
        `${d.borderColor} [${(d.borderDash as number[]).join(",")}]`,
        `axis ${d.yAxisID}`,
        `fill ${d.fill}`,
        `stack ${d.stack ?? "-"}`,
        `${d.data.length} points`,
        (d.data as { x: number; y: number | null; note?: string }[])
          .slice(0, 3)
          .map((p) => `(${round3(p.x)}, ${round3(p.y)})${p.note !== undefined ? ` "${p.note}"` : ""}`)
          .join(" "),
      ].join(" | "),
    ),
    // One line per scale: id | type | position | title | stacked | min..max | tick step.
    scales: Object.entries(options.scales as Record<string, Record<string, any>>).map(([id, s]) =>
      [
        id,
        s.type,
        s.position ?? "-",
        `"${s.title?.text}"`,
        s.stacked ? "stacked" : "not stacked",
        `${s.min ?? "auto"}..${s.max ?? "auto"}`,
        `step ${s.ticks?.stepSize ?? "auto"}`,
      ].join(" | "),
    ),
    // One line per scale's number format.
    axes: Object.entries((plugins.sqsSimAxes ?? {}) as Record<string, Record<string, unknown>>).map(
      ([id, f]) =>
        `${id}: ${Object.entries(f)
          .map(([k, v]) => `${k} ${Array.isArray(v) ? `[${v.join(",")}]` : String(v)}`)
          .join(", ")}`,
    ),
    annotations:
      annotations === undefined
        ? null
        : {
            bands: (annotations.bands ?? []).map((b) => `${round3(b.from)}-${round3(b.to)} ${b.color} ${b.label ?? ""}`),
            lines: (annotations.lines ?? []).map((l) => `${round3(l.at)} ${l.color} ${JSON.stringify(l.dash ?? [])} ${l.label ?? ""}`),
          },
  };
}

describe("chart configs as data (snapshots)", () => {
  const asg = buildCharts(runYaml(ASG_YAML));
  const fixed = buildCharts(runYaml(FIXED_YAML));

  it("buildCharts gives the ASG run every chart in reading order", () => {
    expect(asg.map((c) => c.id)).toEqual(["queue", "fleet", "scaling-signal", "waiting", "throughput", "latency", "cost"]);
  });

  it("buildCharts gives the fixed run every chart but fleet and scaling signal, in reading order", () => {
    expect(fixed.map((c) => c.id)).toEqual(["queue", "waiting", "throughput", "latency", "cost"]);
  });

  for (const id of ["queue", "fleet", "scaling-signal", "waiting", "throughput", "latency", "cost"]) {
    it(`the ASG run's ${id} chart keeps its shape`, () => {
      const spec = asg.find((c) => c.id === id);
      expect(spec).toBeDefined();
      expect(digest(spec!)).toMatchSnapshot();
    });
  }

  for (const id of ["queue", "waiting", "throughput", "latency", "cost"]) {
    it(`the fixed run's ${id} chart keeps its shape`, () => {
      const spec = fixed.find((c) => c.id === id);
      expect(spec).toBeDefined();
      expect(digest(spec!)).toMatchSnapshot();
    });
  }

  it("the dead-letter run's dead-letters chart keeps its shape", () => {
    const spec = buildCharts(runYaml(DELAY_DLQ_YAML)).find((c) => c.id === "dead-letters");
    expect(spec).toBeDefined();
    expect(digest(spec!)).toMatchSnapshot();
  });
});
