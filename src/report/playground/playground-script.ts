// The playground page's own script. It runs in the browser from its source text (Function.prototype.toString), so it
// stays self-contained: no imports, no references outside its own body. It talks to the simulator's Web Worker
// (src/playground/sim-session.ts's messages) one message at a time.

/**
 * The page's own script, run in the browser: it reads its elements and talks to the worker. `Chart` is Chart.js,
 * `hydrate` the report's hydrateChartConfig (both inlined by their source text, as the report does).
 */
export function startPlayground(Chart: any, hydrate: (config: any) => any, createMessageView: any): void {
  const doc = (globalThis as unknown as { document: any }).document;
  const $ = (id: string) => doc.getElementById(id);
  const source = $("sim-worker").textContent as string;
  const Worker = (globalThis as any).Worker;
  const worker = new Worker(URL.createObjectURL(new Blob([source], { type: "text/javascript" })));
  let busy = false;
  let playing = false;
  let endS = 0;
  let nowS = 0;
  let lastTick = 0;
  const queue: { message: unknown; then: (reply: any) => void }[] = [];
  worker.onmessage = (event: { data: any }) => {
    busy = false;
    const next = queue.shift();
    if (next !== undefined) next.then(event.data);
    pump();
  };
  let pending: { message: unknown; then: (reply: any) => void }[] = [];
  function pump(): void {
    if (busy || pending.length === 0) return;
    const item = pending.shift()!;
    busy = true;
    queue.push(item);
    worker.postMessage(item.message);
  }
  function ask(message: unknown, then: (reply: any) => void): void {
    pending.push({ message, then });
    pump();
  }
  const messageView = createMessageView(doc, $("messages"), $("message-tip"), (id: number, then: (rows: any[]) => void) =>
    ask({ type: "history", message: id }, (reply: any) => then(reply.rows)),
  );
  // The keyboard's way to a message's history: its number, then Show.
  $("message-show").addEventListener("click", () => {
    const id = Number($("message-id").value);
    ask({ type: "history", message: id }, (reply: any) => {
      $("message-history").textContent =
        reply.rows.length === 0
          ? `message ${id} is not traced, or not sent yet`
          : messageView.describe(
              { id: id, place: "", receives: reply.rows.filter((r: any) => r.event === "received" && r.receipt !== "copy").length },
              reply.rows,
            );
    });
  });
  const fmt = (s: number) =>
    s < 60
      ? `${s.toFixed(3)} s`
      : s < 3600
        ? `${Math.floor(s / 60)} min ${(s % 60).toFixed(1)} s`
        : `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min ${(s % 60).toFixed(0)} s`;
  function show(reply: any): void {
    if (reply.type === "error") {
      $("errors").textContent = reply.errors.join("\n");
      playing = false;
      return;
    }
    $("errors").textContent = "";
    const v = reply.view;
    if (reply.board !== undefined) messageView.update(reply.board, v);
    nowS = v.nowS;
    $("clock").textContent = `${fmt(v.nowS)} of ${fmt(endS)}`;
    for (const key of ["events", "sent", "visible", "inFlight", "delayed", "received", "deleted", "deadLettered", "inService", "busyWorkers"]) {
      $(`g-${key}`).textContent = String(v[key]);
    }
    if (reply.type === "finished") {
      $("summary").textContent = reply.summaryJson;
      playing = false;
      $("play").textContent = "Play";
      refreshCharts(true);
    } else if (nowS >= endS && endS > 0) ask({ type: "finish" }, show);
    else refreshCharts(!playing);
  }
  // The report's charts over time, redrawn in place from the worker's specs as the run advances.
  const charts: Record<string, any> = {};
  let chartsAskedAt = 0;
  function drawCharts(reply: any): void {
    if (reply.type !== "charts") return;
    const box = $("charts");
    const ids: string[] = reply.charts.map((spec: any) => spec.id);
    for (const id of Object.keys(charts)) {
      if (ids.indexOf(id) >= 0) continue;
      charts[id].destroy();
      delete charts[id];
      const gone = doc.getElementById(`live-${id}`);
      if (gone) gone.remove();
    }
    for (const spec of reply.charts) {
      const config = hydrate(spec.config);
      config.options.animation = false;
      const chart = charts[spec.id];
      if (chart !== undefined) {
        chart.data = config.data;
        chart.options = config.options;
        chart.update("none");
        continue;
      }
      const figure = doc.createElement("figure");
      figure.className = "chart";
      figure.id = `live-${spec.id}`;
      figure.dataset.chartId = spec.id;
      const title = doc.createElement("h3");
      title.textContent = spec.title;
      const chartBox = doc.createElement("div");
      chartBox.className = "chart-box";
      const canvas = doc.createElement("canvas");
      canvas.setAttribute("role", "img");
      canvas.setAttribute("aria-label", spec.title);
      chartBox.appendChild(canvas);
      const caption = doc.createElement("figcaption");
      caption.textContent = spec.howToRead;
      figure.append(title, chartBox, caption);
      box.appendChild(figure);
      charts[spec.id] = new Chart(canvas, config);
    }
    doc.body.dataset.charts = String(reply.charts.length);
  }
  function refreshCharts(force: boolean): void {
    const now = Date.now();
    if (!force && now - chartsAskedAt < 500) return;
    chartsAskedAt = now;
    ask({ type: "charts" }, drawCharts);
  }
  function clearCharts(): void {
    for (const id of Object.keys(charts)) {
      charts[id].destroy();
      delete charts[id];
    }
    $("charts").textContent = "";
  }
  // Controls the user changed, as --set flags: a restart applies them to the scenario's text.
  const changed: Record<string, string> = {};
  function showControls(controls: any[]): void {
    const box = $("controls");
    if (box.childElementCount > 0) return;
    for (const c of controls) {
      const row = doc.createElement("label");
      row.className = "control";
      row.textContent = `${c.label} `;
      const input = doc.createElement("input");
      input.type = "number";
      input.min = "0";
      input.step = "any";
      input.value = String(c.value);
      input.dataset.path = c.path;
      input.setAttribute("aria-label", c.label);
      input.addEventListener("change", () => {
        changed[c.path] = `${c.path}=${input.value}${c.unit === "s" ? "s" : ""}`;
        restart();
      });
      row.appendChild(input);
      if (c.unit !== "") row.appendChild(doc.createTextNode(` ${c.unit}`));
      box.appendChild(row);
    }
  }
  function restart(): void {
    playing = false;
    $("play").textContent = "Play";
    $("summary").textContent = "";
    pending = [];
    clearCharts();
    messageView.reset();
    const seed = Number($("seed").value);
    const sets = Object.keys(changed).map((k) => changed[k]);
    ask({ type: "load", text: $("scenario").value, sets, ...(Number.isSafeInteger(seed) ? { seed } : {}) }, (reply: any) => {
      if (reply.type === "loaded") {
        endS = reply.endS;
        showControls(reply.controls);
      }
      show(reply);
    });
  }
  function tick(now: number): void {
    if (!playing) return;
    const speed = Number($("speed").value);
    const dt = lastTick === 0 ? 0 : (now - lastTick) / 1000;
    lastTick = now;
    if (!busy && pending.length === 0) {
      const to = speed === 0 ? endS : Math.min(endS, nowS + dt * speed);
      ask({ type: "advance", toS: to }, show);
    }
    (globalThis as any).requestAnimationFrame(tick);
  }
  $("restart").addEventListener("click", restart);
  $("play").addEventListener("click", () => {
    playing = !playing;
    $("play").textContent = playing ? "Pause" : "Play";
    lastTick = 0;
    if (playing) (globalThis as any).requestAnimationFrame(tick);
  });
  $("step-event").addEventListener("click", () => ask({ type: "step" }, show));
  $("step-second").addEventListener("click", () => ask({ type: "advance", toS: nowS + 1 }, show));
  $("step-minute").addEventListener("click", () => ask({ type: "advance", toS: nowS + 60 }, show));
  $("finish").addEventListener("click", () => ask({ type: "finish" }, show));
  $("large").addEventListener("change", () => doc.body.classList.toggle("large", $("large").checked));
  restart();
}
