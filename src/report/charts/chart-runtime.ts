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
  // On a log axis Chart.js puts ticks at 1-9 × 10^k; only the listed mantissas are labelled, so labels stay apart.
  function unlabelledLogTick(f: any, v: number): boolean {
    if (!f.logTicks || !(v > 0)) return false;
    const mantissa = Number((v / Math.pow(10, Math.floor(Math.log10(v)))).toPrecision(3));
    return f.logTicks.indexOf(mantissa) < 0;
  }
  // axisMax and step are given for tick labels: the largest tick's size and the distance between ticks.
  function format(f: any, v: number, axisMax?: number, step?: number): string {
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
        if (typeof f.zeroAt === "number" && v === f.zeroAt && axisMax !== undefined) return "0";
        if (unlabelledLogTick(f, v)) return "";
        return duration(v);
      }
      case "usd": {
        if (unlabelledLogTick(f, v)) return "";
        // Tick labels carry as many decimals as the ticks' spacing needs (at least cents), so that neighbouring
        // ticks never read alike ($0.04, $0.04 on a zoomed axis); a log axis's ticks as many as each value needs.
        // Without an axis (a tooltip), 4 decimals below $1.
        const digitsFor = function (x: number): number {
          return Math.max(2, Math.min(6, Math.ceil(-Math.log10(x) - 1e-9)));
        };
        if (f.logTicks && v > 0) return "$" + v.toFixed(digitsFor(v));
        if (step !== undefined && step > 0) return "$" + v.toFixed(digitsFor(step));
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
      const step = all && all.length > 1 ? Math.abs(Number(all[1].value) - Number(all[0].value)) : undefined;
      return format(f, Number(value), last ? Math.abs(Number(last.value)) : undefined, step);
    };
    if (f.kind === "elapsed" && typeof f.startEpochMs === "number") {
      // Clock labels on round clock times (10:00, 10:15), not on the run's own offset (10:07, 10:22): Chart.js
      // steps from the axis's start, so the ticks are moved to the multiples of the step in clock time. A zoomed
      // axis has no step (the zoom drops it) and keeps Chart.js's ticks.
      const offsetS = (((f.startEpochMs / 1000) % 86400) + 86400) % 86400;
      scale.afterBuildTicks = function (axis: any) {
        const stepS = axis.options && axis.options.ticks ? Number(axis.options.ticks.stepSize) : NaN;
        if (!(stepS > 0) || (86400 % stepS !== 0 && stepS % 86400 !== 0)) return;
        const shift = offsetS % stepS;
        const first = Math.ceil((axis.min + shift) / stepS - 1e-9) * stepS - shift;
        const ticks: { value: number }[] = [];
        for (let k = 0; first + k * stepS <= axis.max + 1e-9 && k < 1000; k++) ticks.push({ value: first + k * stepS });
        axis.ticks = ticks;
      };
    }
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
  // A point may carry its own tooltip title (`title`, e.g. the sweep cell it stands for), its own line (`label`,
  // where the axis position is not the value, as in a heatmap) and a `note`: one text appended to its line, or a
  // list of texts shown as lines of their own.
  callbacks.title = function (items: any[]) {
    const item = items[0];
    if (!item) return "";
    if (item.raw && typeof item.raw === "object" && typeof item.raw.title === "string") return item.raw.title;
    const xf = axes[item.dataset.xAxisID || "x"] || axes.x;
    return xf ? format(xf, item.parsed.x) : String(item.label);
  };
  callbacks.label = function (item: any) {
    const raw = item.raw && typeof item.raw === "object" ? item.raw : {};
    const yf = axes[item.dataset.yAxisID || "y"];
    const value = yf ? format(yf, item.parsed.y) : String(item.parsed.y);
    const line = typeof raw.label === "string" ? raw.label : item.dataset.label + ": " + value;
    if (Array.isArray(raw.note)) return [line].concat(raw.note);
    return line + (raw.note ? " — " + raw.note : "");
  };
  // A point drawn by two datasets (a Pareto-front cell that misses an SLO: a diamond and a cross) is described once.
  tooltip.filter = function (item: any, index: number, items: any[]) {
    const title = item.raw && typeof item.raw === "object" ? item.raw.title : undefined;
    if (typeof title !== "string") return true;
    for (let i = 0; i < index; i++) {
      const other = items[i];
      if (other && other.raw && other.raw.title === title) return false;
    }
    return true;
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
  // Whiskers for points that carry an interval: yLow..yHigh (vertical) and xLow..xHigh (horizontal), in the
  // dataset's colour, drawn over the datasets. Chart.js has no error bars built in. An end marked open (yLowOpen,
  // xLowOpen: the bound lies below what the axis shows, e.g. under a log axis's foot) gets no cap, so that a cut
  // whisker looks cut; an end outside the plot is cut at its edge, also without a cap; points outside the plot
  // (after a zoom) get no whiskers at all.
  const errorBarPlugin = {
    id: "sqsSimErrorBars",
    afterDatasetsDraw(chart: any) {
      const ctx = chart.ctx;
      const area = chart.chartArea;
      if (!area) return;
      const cap = 4;
      ctx.save();
      // Clipped a cap's width outside the plot, so that a whisker along its edge (a cost interval at a log axis's
      // foot) keeps both arms of its caps; the whiskers' ends themselves stop at the edge.
      ctx.beginPath();
      ctx.rect(area.left - cap - 1, area.top - cap - 1, area.right - area.left + 2 * (cap + 1), area.bottom - area.top + 2 * (cap + 1));
      ctx.clip();
      // One whisker from a to b along an axis (pixels), capped at each end that is closed and inside [lo, hi].
      const whisker = function (vertical: boolean, at: number, a: number, b: number, aOpen: boolean, lo: number, hi: number): void {
        const inside = function (p: number): boolean {
          return isFinite(p) && p >= lo - 0.5 && p <= hi + 0.5;
        };
        const clamp = function (p: number): number {
          return isFinite(p) ? Math.min(hi, Math.max(lo, p)) : p > 0 ? hi : lo;
        };
        const line = function (x1: number, y1: number, x2: number, y2: number): void {
          ctx.moveTo(vertical ? y1 : x1, vertical ? x1 : y1);
          ctx.lineTo(vertical ? y2 : x2, vertical ? x2 : y2);
        };
        line(clamp(a), at, clamp(b), at);
        if (!aOpen && inside(a)) line(a, at - cap, a, at + cap);
        if (inside(b)) line(b, at - cap, b, at + cap);
      };
      chart.data.datasets.forEach(function (ds: any, i: number) {
        if (!chart.isDatasetVisible(i)) return;
        const meta = chart.getDatasetMeta(i);
        ctx.strokeStyle = ds.borderColor || "#000000";
        ctx.lineWidth = 1;
        ctx.setLineDash([]);
        (meta.data || []).forEach(function (el: any, j: number) {
          const raw = ds.data[j];
          if (!raw || typeof raw !== "object" || el.skip) return;
          if (!(el.x >= area.left - 0.5 && el.x <= area.right + 0.5 && el.y >= area.top - 0.5 && el.y <= area.bottom + 0.5)) return;
          ctx.beginPath();
          if (typeof raw.yLow === "number" && typeof raw.yHigh === "number" && raw.yHigh > raw.yLow) {
            // Pixels grow downward: the low end is the larger pixel.
            const low = meta.yScale.getPixelForValue(raw.yLow);
            const high = meta.yScale.getPixelForValue(raw.yHigh);
            whisker(true, el.x, low, high, raw.yLowOpen === true, area.top, area.bottom);
          }
          if (typeof raw.xLow === "number" && typeof raw.xHigh === "number" && raw.xHigh > raw.xLow) {
            const low = meta.xScale.getPixelForValue(raw.xLow);
            const high = meta.xScale.getPixelForValue(raw.xHigh);
            whisker(false, el.y, low, high, raw.xLowOpen === true, area.left, area.right);
          }
          ctx.stroke();
        });
      });
      ctx.restore();
    },
  };

  // Heatmap cells on two category axes: one rectangle per cell in its colour, its value printed where it fits,
  // hatching and an outline where asked, and a colour key to the right of the plot.
  const heatmapPlugin = {
    id: "sqsSimHeatmap",
    beforeDatasetsDraw(chart: any, _args: any, opts: any) {
      const cells = (opts && opts.cells) || [];
      const x = chart.scales.x;
      const y = chart.scales.y;
      const area = chart.chartArea;
      if (!x || !y || !area || cells.length === 0) return;
      const nx = Math.max(1, (x.getLabels() || []).length);
      const ny = Math.max(1, (y.getLabels() || []).length);
      const w = (area.right - area.left) / nx;
      const h = (area.bottom - area.top) / ny;
      const ctx = chart.ctx;
      ctx.save();
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      const fontPx = Math.max(9, Math.min(14, Math.floor(h / 3)));
      ctx.font = fontPx + "px sans-serif";
      for (const c of cells) {
        const cx = x.getPixelForValue(c.xi);
        const cy = y.getPixelForValue(c.yi);
        const left = cx - w / 2;
        const top = cy - h / 2;
        ctx.fillStyle = c.color;
        ctx.fillRect(left, top, w, h);
        if (c.hatch) {
          ctx.save();
          ctx.beginPath();
          ctx.rect(left, top, w, h);
          ctx.clip();
          ctx.strokeStyle = c.textColor;
          ctx.globalAlpha = 0.35;
          ctx.lineWidth = 1;
          ctx.beginPath();
          for (let d = -h; d < w; d += 8) {
            ctx.moveTo(left + d, top + h);
            ctx.lineTo(left + d + h, top);
          }
          ctx.stroke();
          ctx.restore();
        }
        ctx.strokeStyle = "#ffffff";
        ctx.lineWidth = 1;
        ctx.strokeRect(left, top, w, h);
        if (c.outline) {
          ctx.strokeStyle = "#000000";
          ctx.lineWidth = 3;
          ctx.strokeRect(left + 2, top + 2, w - 4, h - 4);
        }
        if (c.text && ctx.measureText(c.text).width + 6 <= w && fontPx + 4 <= h) {
          ctx.fillStyle = c.textColor;
          ctx.fillText(c.text, cx, cy);
        }
      }
      const bar = opts.colorBar;
      if (bar && bar.colors && bar.colors.length > 0) {
        const bx = area.right + 18;
        const bw = 14;
        const gradient = ctx.createLinearGradient(0, area.bottom, 0, area.top);
        bar.colors.forEach(function (color: string, i: number) {
          gradient.addColorStop(bar.colors.length === 1 ? 0 : i / (bar.colors.length - 1), color);
        });
        ctx.fillStyle = gradient;
        ctx.fillRect(bx, area.top, bw, area.bottom - area.top);
        ctx.strokeStyle = "#5f6368";
        ctx.lineWidth = 1;
        ctx.strokeRect(bx, area.top, bw, area.bottom - area.top);
        ctx.fillStyle = "#1d1d1f";
        ctx.font = "12px sans-serif";
        ctx.textAlign = "left";
        ctx.textBaseline = "top";
        ctx.fillText(bar.high, bx + bw + 4, area.top);
        ctx.textBaseline = "bottom";
        ctx.fillText(bar.low, bx + bw + 4, area.bottom);
        ctx.save();
        ctx.translate(bx + bw + 14, (area.top + area.bottom) / 2);
        ctx.rotate(Math.PI / 2);
        ctx.textAlign = "center";
        ctx.textBaseline = "middle";
        ctx.fillText(bar.title, 0, 0);
        ctx.restore();
      }
      ctx.restore();
    },
  };
  config.plugins = (config.plugins || []).concat([annotationPlugin, errorBarPlugin, heatmapPlugin]);
  return config;
}
