/* eslint-disable */
// The report page's own script. Like hydrateChartConfig, it runs in the browser from its source text
// (Function.prototype.toString), so it must stay self-contained: no imports, no references outside its own body.

/**
 * Draws every chart from the JSON block #sqs-sim-charts into the canvases of the figures #chart-0, #chart-1, …
 * and adds drag-to-zoom on the time axis. Sets `document.body.dataset.chartsReady` when done, which tests wait for.
 * A chart that fails is reported in its place and on the console; the others are still drawn.
 */
export function startReportPage(Chart: any, hydrate: (config: any) => any): void {
  const doc = (globalThis as any).document;
  const win = globalThis as any;
  const specs: any[] = JSON.parse(doc.getElementById("sqs-sim-charts").textContent);
  doc.querySelectorAll("table.sortable").forEach(makeSortable);

  specs.forEach(function (spec: any, i: number) {
    const figure = doc.getElementById("chart-" + i);
    const canvas = figure.querySelector("canvas");
    try {
      const chart = new Chart(canvas, hydrate(spec.config));
      enableTimeZoom(chart, figure);
    } catch (e) {
      console.error("chart " + spec.id + " could not be drawn: " + e);
      figure.querySelector(".chart-box").textContent = "This chart could not be drawn: " + e;
    }
  });
  doc.body.dataset.chartsReady = "true";

  // Tables with class "sortable": each header's button sorts the rows by that column, ascending first, then
  // descending. A cell sorts by its data-sort attribute (a number in a column whose header has data-type="number")
  // or else its text; empty values go last either way, and ties keep the rows' original order.
  function makeSortable(table: any): void {
    const headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    const body = table.tBodies[0];
    Array.prototype.forEach.call(body.rows, function (row: any, i: number) {
      row.dataset.order = String(i);
    });
    headers.forEach(function (th: any, column: number) {
      const button = th.querySelector("button.sort");
      if (!button) return;
      const numeric = th.dataset.type === "number";
      const key = function (row: any): any {
        const cell = row.cells[column];
        const text = cell ? (cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim()) : "";
        if (text === "") return null;
        return numeric ? Number(text) : text;
      };
      button.addEventListener("click", function () {
        const ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (h: any) {
          h.removeAttribute("aria-sort");
        });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        const rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a: any, b: any) {
          const x = key(a);
          const y = key(b);
          const tie = Number(a.dataset.order) - Number(b.dataset.order);
          if (x === null || y === null) return x === null && y === null ? tie : x === null ? 1 : -1;
          const c = numeric ? x - y : String(x).localeCompare(String(y), "en", { numeric: true });
          return (ascending ? c : -c) || tie;
        });
        rows.forEach(function (row: any) {
          body.appendChild(row);
        });
      });
    });
  }

  // Drag across the plot to show that stretch of time; double-click or the button restores the whole run.
  // (No zoom plugin is bundled: this is all a report needs.)
  function enableTimeZoom(chart: any, figure: any): void {
    // Chart.js rebuilds its scale options on every update: look them up each time, never keep a reference.
    const xOptions = function (): any {
      return chart.config.options.scales.x;
    };
    const x0 = xOptions();
    if (!x0 || (x0.type !== "linear" && x0.type !== "logarithmic")) return;
    const canvas = chart.canvas;
    const selection = figure.querySelector(".zoom-selection");
    const reset = figure.querySelector(".reset-zoom");
    const whole = { min: x0.min, max: x0.max, stepSize: x0.ticks && x0.ticks.stepSize };
    let startPx: number | null = null;

    function pixel(e: any): number {
      const area = chart.chartArea;
      const px = e.clientX - canvas.getBoundingClientRect().left;
      return Math.min(area.right, Math.max(area.left, px));
    }
    function show(from: number, to: number): void {
      const area = chart.chartArea;
      // The selection is placed in the chart box, the canvas's offset parent; chart pixels count from the canvas.
      selection.style.left = canvas.offsetLeft + Math.min(from, to) + "px";
      selection.style.width = Math.abs(to - from) + "px";
      selection.style.top = canvas.offsetTop + area.top + "px";
      selection.style.height = area.bottom - area.top + "px";
      selection.hidden = false;
    }
    function zoomTo(fromPx: number, toPx: number): void {
      const scale = chart.scales.x;
      const x = xOptions();
      x.min = scale.getValueForPixel(Math.min(fromPx, toPx));
      x.max = scale.getValueForPixel(Math.max(fromPx, toPx));
      // The run-wide tick step would leave a zoomed axis with one tick or none; let Chart.js choose.
      if (x.ticks) delete x.ticks.stepSize;
      chart.update("none");
      reset.hidden = false;
    }
    function restore(): void {
      const x = xOptions();
      x.min = whole.min;
      x.max = whole.max;
      if (whole.stepSize !== undefined) x.ticks = Object.assign(x.ticks || {}, { stepSize: whole.stepSize });
      chart.update("none");
      reset.hidden = true;
    }

    canvas.addEventListener("mousedown", function (e: any) {
      const area = chart.chartArea;
      const px = e.clientX - canvas.getBoundingClientRect().left;
      if (e.button !== 0 || px < area.left || px > area.right) return;
      startPx = px;
      e.preventDefault(); // no text selection while dragging
    });
    win.addEventListener("mousemove", function (e: any) {
      if (startPx !== null) show(startPx, pixel(e));
    });
    win.addEventListener("mouseup", function (e: any) {
      if (startPx === null) return;
      const endPx = pixel(e);
      selection.hidden = true;
      if (Math.abs(endPx - startPx) > 4) zoomTo(startPx, endPx); // a click is not a zoom
      startPx = null;
    });
    canvas.addEventListener("dblclick", restore);
    reset.addEventListener("click", restore);
  }
}
