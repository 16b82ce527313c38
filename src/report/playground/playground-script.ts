// The playground page's own script. It runs in the browser from its source text (Function.prototype.toString), so it
// stays self-contained: no imports, no references outside its own body. It talks to the simulator's Web Worker
// (src/playground/sim-session.ts's messages) one message at a time.

/**
 * The page's own script, run in the browser: it reads its elements and talks to the worker. `Chart` is Chart.js,
 * `hydrate` the report's hydrateChartConfig (both inlined by their source text, as the report does).
 */
export function startPlayground(Chart: any, hydrate: (config: any) => any, createMessageView: any, lessonKit: any): void {
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
  // Every load starts a generation: a reply to a request of an earlier one (still in flight when the run restarted)
  // is dropped, so that it cannot land on the new run (its summary, its end, its lesson figures).
  let generation = 0;
  // Whether the last load was refused: the worker then holds no run (stepping would play one the page no longer
  // shows), and the refusal stays in view until a load succeeds. Requests made while a load is on its way queue
  // behind it.
  let refused = false;
  type Request = { message: unknown; then: (reply: any) => void; generation: number };
  const queue: Request[] = [];
  worker.onmessage = (event: { data: any }) => {
    busy = false;
    const next = queue.shift();
    if (next !== undefined && next.generation === generation) next.then(event.data);
    pump();
  };
  let pending: Request[] = [];
  function pump(): void {
    // Whether the worker has nothing to do for the page (tests wait for it rather than for a time).
    doc.body.dataset.idle = String(!busy && pending.length === 0);
    if (busy || pending.length === 0) return;
    const item = pending.shift()!;
    busy = true;
    doc.body.dataset.idle = "false";
    queue.push(item);
    worker.postMessage(item.message);
  }
  function ask(message: unknown, then: (reply: any) => void): void {
    pending.push({ message, then, generation });
    pump();
  }
  const messageView = createMessageView(doc, $("messages"), $("message-tip"), (id: number, then: (rows: any[]) => void) =>
    ask({ type: "history", message: id }, (reply: any) => then(reply.rows ?? [])),
  );
  // The keyboard's way to a message's history: its number, then Show.
  $("message-show").addEventListener("click", () => {
    const id = Number($("message-id").value);
    ask({ type: "history", message: id }, (reply: any) => {
      $("message-history").textContent =
        reply.rows === undefined || reply.rows.length === 0
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
      if (!refused) $("errors").textContent = reply.errors.join("\n");
      stopPlaying();
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
      lessonFinished(JSON.parse(reply.summaryJson));
      stopPlaying();
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
    const large = doc.body.classList.contains("large");
    for (const spec of reply.charts) {
      const config = hydrate(spec.config);
      config.options.animation = false;
      if (large) enlargeFonts(config.options);
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
  // Large type (a projector): every font size the chart's options set, half as large again.
  function enlargeFonts(node: any): void {
    if (node === null || typeof node !== "object") return;
    for (const key of Object.keys(node)) {
      const value = node[key];
      if (key === "font" && value !== null && typeof value === "object" && typeof value.size === "number")
        node[key] = { ...value, size: Math.round(value.size * 1.5) };
      else enlargeFonts(value);
    }
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
  // Controls the user changed, as --set flags (a choice's are several): a restart applies them to the scenario's text.
  const changed: Record<string, string | string[]> = {};
  // Each choice's options as the last load gave them (a choice's flags can follow other figures: the heartbeat's, the
  // visibility timeout in effect).
  const choiceOptions: Record<string, any[]> = {};
  // The option picked for each choice the user changed, by its index: its flags are looked up again after each load.
  const chosen: Record<string, number> = {};
  // The controls drawn, by kind and path: drawn again only when the scenario's shape changed (a choice, a lesson); else
  // their values follow the run in place (a lesson's change shows in its box), but for the one being edited.
  let shownKeys = "";
  function showControls(controls: any[]): void {
    const box = $("controls");
    // A choice's option labels are part of its key: they can follow other figures (the heartbeat's timeout).
    const keys = controls.map((c) => (c.kind === "choice" ? `choice:${c.id}:${c.options.map((o: any) => o.label).join("/")}` : `number:${c.path}`)).join("|");
    for (const c of controls) if (c.kind === "choice") choiceOptions[c.id] = c.options;
    if (keys === shownKeys && box.childElementCount > 0) {
      for (const c of controls) {
        const el = doc.querySelector(c.kind === "choice" ? `select[data-choice="${c.id}"]` : `input[data-path="${c.path}"]`);
        // Not the box being edited, unless it was emptied (it goes back to the scenario's value).
        if (el !== null && (el !== doc.activeElement || String(el.value) === "")) el.value = c.value === null ? "" : String(c.value);
      }
      return;
    }
    shownKeys = keys;
    box.textContent = "";
    for (const c of controls) {
      const row = doc.createElement("label");
      row.className = "control";
      row.textContent = `${c.label} `;
      if (c.kind === "choice") {
        const select = doc.createElement("select");
        select.dataset.choice = c.id;
        select.setAttribute("aria-label", c.label);
        c.options.forEach((o: any, i: number) => {
          const option = doc.createElement("option");
          option.value = String(i);
          option.textContent = o.label;
          select.appendChild(option);
        });
        select.value = String(c.value);
        select.addEventListener("change", () => {
          // A choice can make figures changed before it stale (a fixed fleet's instances, once it is a group).
          for (const k of Object.keys(changed)) if (c.clears.some((prefix: string) => k.startsWith(prefix))) delete changed[k];
          const sets = choiceOptions[c.id]![Number(select.value)].sets;
          chosen[c.id] = Number(select.value);
          if (sets.length === 0) delete changed[c.id];
          else changed[c.id] = sets;
          restart();
        });
        row.appendChild(select);
        box.appendChild(row);
        continue;
      }
      const input = doc.createElement("input");
      input.type = "number";
      input.min = String(c.min);
      input.step = "any";
      input.value = c.value === null ? "" : String(c.value);
      input.dataset.path = c.path;
      input.setAttribute("aria-label", c.label);
      input.addEventListener("change", () => {
        // An emptied box goes back to the scenario's own value.
        const text = String(input.value).trim();
        if (text === "") delete changed[c.path];
        else changed[c.path] = `${c.setPath ?? c.path}=${text}${c.unit === "s" ? "s" : ""}`;
        restart();
      });
      row.appendChild(input);
      if (c.unit !== "") row.appendChild(doc.createTextNode(` ${c.unit}`));
      box.appendChild(row);
    }
  }
  // Set by restart(true) (a lesson's change): play once loaded, unless the user pauses or plays first.
  let playAfterLoad = false;
  /** Loads the scenario with the changes and starts from 0; `play` plays it once it has loaded. */
  function restart(play = false, again = 0): void {
    stopPlaying();
    playAfterLoad = play;
    generation++;
    refused = false;
    nowS = 0;
    $("summary").textContent = "";
    pending = [];
    clearCharts();
    messageView.reset();
    const seedText = String($("seed").value).trim();
    const seed = Number(seedText);
    const sets: string[] = [];
    for (const k of Object.keys(changed)) sets.push(...([] as string[]).concat(changed[k]!));
    ask(
      { type: "load", text: $("scenario").value, sets, traces: traceFiles, ...(seedText !== "" && Number.isSafeInteger(seed) ? { seed } : {}) },
      (reply: any) => {
        if (reply.type === "loaded") {
          // A chosen option whose flags changed with this load (the heartbeat's, after the visibility timeout
          // changed): loaded again with them, once, so that what runs is what the option says.
          let stale = false;
          for (const id of Object.keys(chosen)) {
            const choice = reply.controls.find((c: any) => c.kind === "choice" && c.id === id);
            const fresh = choice === undefined ? undefined : choice.options[chosen[id]!];
            if (fresh === undefined || JSON.stringify(fresh.sets) === JSON.stringify(([] as string[]).concat(changed[id] ?? []))) continue;
            if (fresh.sets.length === 0) delete changed[id];
            else changed[id] = fresh.sets;
            stale = true;
          }
          if (stale && again < 2) {
            restart(play, again + 1);
            return;
          }
          endS = reply.endS;
          sliceS = Math.max(0.001, endS / 200);
          showControls(reply.controls);
        }
        show(reply);
        if (reply.type === "error") {
          refused = true;
          $("clock").textContent = "no run: the scenario is refused (see below)";
          for (const el of doc.querySelectorAll('[id^="g-"]')) el.textContent = "—";
          if (lesson !== null && changeApplied) $("lesson-verdict").textContent = "The change was refused: see the message under the scenario.";
        } else if (playAfterLoad) startPlaying();
      },
    );
  }
  // Playing: at a speed, a request each frame for the simulated time that passed; as fast as it goes (or to the end),
  // in slices sized to take a few tens of milliseconds each, so that a pause or a restart is heard between them.
  let fastForward = false;
  let sliceS = 1;
  let ticking = false;
  function tick(now: number): void {
    if (!playing || refused) {
      ticking = false;
      if (refused) stopPlaying();
      return;
    }
    const speed = Number($("speed").value);
    const dt = lastTick === 0 ? 0 : (now - lastTick) / 1000;
    lastTick = now;
    if (!busy && pending.length === 0 && nowS < endS) {
      if (speed === 0 || fastForward) {
        const sent = (globalThis as any).performance.now();
        ask({ type: "advance", toS: Math.min(endS, nowS + sliceS) }, (reply: any) => {
          // Toward 40 ms a slice: by the ratio, at most double or a quarter, and never past a fiftieth of the run
          // (a quiet stretch must not grow a slice that a busy one then takes seconds over).
          const took = Math.max(1, (globalThis as any).performance.now() - sent);
          sliceS = Math.max(0.001, Math.min(endS / 50, sliceS * Math.min(2, Math.max(0.25, 40 / took))));
          show(reply);
        });
      } else ask({ type: "advance", toS: Math.min(endS, nowS + dt * speed) }, show);
    }
    (globalThis as any).requestAnimationFrame(tick);
  }
  // Lessons: the lesson's scenario is run as it is (the figures "before"), the student predicts, then the run with
  // the lesson's one change (the figures "after"), the relations that confirm the answer, and why.
  const lessons: any[] = JSON.parse($("lesson-data").textContent);
  // The trace files the scenario replays, by the names it writes (the page has no files of its own).
  const traceFiles: Record<string, string> = JSON.parse($("trace-data").textContent);
  const pageText = $("scenario").value;
  const pageSeed = $("seed").value;
  let lesson: any = null;
  let before: any = null;
  let changeApplied = false;
  function figureText(v: number | undefined): string {
    if (v === undefined) return "—";
    return Math.abs(v) >= 1000 ? Math.round(v).toLocaleString("en-US") : String(Number(v.toPrecision(4)));
  }
  function startLesson(id: string): void {
    lesson = null;
    for (const l of lessons) if (l.id === id) lesson = l;
    for (const k of Object.keys(changed)) delete changed[k];
    for (const k of Object.keys(chosen)) delete chosen[k];
    $("controls").textContent = "";
    shownKeys = "";
    before = null;
    changeApplied = false;
    $("lesson-panel").hidden = lesson === null;
    if (lesson !== null) {
      $("lesson-title").textContent = lesson.title;
      $("lesson-watch").textContent = lesson.watch;
      $("lesson-change").textContent = lesson.change.words;
      const choices = $("lesson-choices");
      choices.textContent = "";
      const legend = doc.createElement("legend");
      legend.textContent = lesson.question;
      choices.appendChild(legend);
      lesson.choices.forEach((text: string, i: number) => {
        const label = doc.createElement("label");
        const radio = doc.createElement("input");
        radio.type = "radio";
        radio.name = "prediction";
        radio.value = String(i);
        radio.addEventListener("change", () => {
          $("lesson-apply").disabled = before === null || changeApplied;
        });
        label.append(radio, ` ${text}`);
        choices.appendChild(label);
      });
      const rows = $("lesson-figures");
      rows.textContent = "";
      for (const f of lesson.figures) {
        const tr = doc.createElement("tr");
        for (const text of [f.label, "—", "—"]) {
          const td = doc.createElement("td");
          td.textContent = text;
          tr.appendChild(td);
        }
        rows.appendChild(tr);
      }
      $("lesson-apply").disabled = true;
      $("lesson-verdict").textContent = "";
      $("lesson-explanation").hidden = true;
      $("scenario").value = lesson.text;
      $("seed").value = "";
    } else {
      // Back to the page's own scenario and seed.
      $("scenario").value = pageText;
      $("seed").value = pageSeed;
    }
    (globalThis as any).history.replaceState(null, "", lesson === null ? " " : `#lesson=${lesson.id}`);
    restart();
  }
  function prediction(): number {
    const picked = doc.querySelector('input[name="prediction"]:checked');
    return picked === null ? -1 : Number(picked.value);
  }
  function lessonFinished(summary: any): void {
    if (lesson === null) return;
    const column = changeApplied ? 2 : 1;
    const rows = $("lesson-figures").children;
    lesson.figures.forEach((f: any, i: number) => {
      rows[i].children[column].textContent = figureText(lessonKit.figureAt(summary, f.path));
    });
    if (!changeApplied) {
      before = summary;
      $("lesson-apply").disabled = prediction() < 0;
      $("lesson-verdict").textContent = "Now pick your prediction, then make the change.";
      return;
    }
    let shown = 0;
    const checks = lesson.confirms.map((c: any) => {
      const was = lessonKit.figureAt(before, c.path);
      const now = lessonKit.figureAt(summary, c.path);
      const ok = was !== undefined && now !== undefined && lessonKit.holds(c.relation, was, now);
      if (ok) shown++;
      const words: Record<string, [string, string]> = {
        up: ["went up", "go up"],
        down: ["went down", "go down"],
        zero: ["fell to 0", "fall to 0"],
        nonzero: ["rose from 0", "rise from 0"],
        same: ["stayed the same", "stay the same"],
      };
      const [did, expected] = words[c.relation]!;
      return `${c.path} ${figureText(was)} → ${figureText(now)} (${ok ? did : `the lesson expects it to ${expected}; this run's did not`})`;
    });
    const right = prediction() === lesson.answer;
    const all = shown === checks.length;
    // A run may not show all of it (another seed, other controls changed): it says so rather than "as you predicted".
    const opening = right
      ? all
        ? "As you predicted"
        : "You picked the answer the lesson expects, but this run does not show all of it"
      : `Not what you predicted; the answer: ${lesson.choices[lesson.answer]}`;
    $("lesson-verdict").textContent = `${opening}. The simulator shows ${checks.join("; ")}.`;
    $("lesson-explanation").textContent = lesson.explanation;
    $("lesson-explanation").hidden = false;
  }
  $("lesson").addEventListener("change", () => startLesson($("lesson").value));
  $("lesson-apply").addEventListener("click", () => {
    if (lesson === null || before === null) return;
    changeApplied = true;
    $("lesson-apply").disabled = true;
    // The prediction is made: it stays as it was while the changed run plays.
    for (const radio of doc.querySelectorAll('input[name="prediction"]')) radio.disabled = true;
    changed[lesson.change.path] = `${lesson.change.path}=${lesson.change.value}`;
    const input = doc.querySelector(`input[data-path="${lesson.change.path}"]`);
    if (input !== null && /^[0-9.]+/.test(lesson.change.value)) input.value = String(parseFloat(lesson.change.value));
    $("lesson-verdict").textContent = "Playing with the change: watch it, or press Run to the end.";
    restart(true);
  });
  $("restart").addEventListener("click", () => restart());
  function startPlaying(): void {
    if (refused) return;
    // At the end there is nothing to play: the summary, once more.
    if (nowS >= endS && endS > 0) {
      ask({ type: "finish" }, show);
      return;
    }
    playing = true;
    $("play").textContent = "Pause";
    lastTick = 0;
    if (!ticking) {
      ticking = true;
      (globalThis as any).requestAnimationFrame(tick);
    }
  }
  function stopPlaying(): void {
    playing = false;
    playAfterLoad = false;
    fastForward = false;
    $("play").textContent = "Play";
  }
  $("play").addEventListener("click", () => {
    if (playing) stopPlaying();
    else startPlaying();
  });
  // Steps need a run (none after a refused load: the error stays in view).
  $("step-event").addEventListener("click", () => refused || ask({ type: "step" }, show));
  $("step-second").addEventListener("click", () => refused || ask({ type: "advance", toS: nowS + 1 }, show));
  $("step-minute").addEventListener("click", () => refused || ask({ type: "advance", toS: nowS + 60 }, show));
  $("finish").addEventListener("click", () => {
    if (refused) return;
    if (nowS >= endS && endS > 0) {
      ask({ type: "finish" }, show);
      return;
    }
    fastForward = true;
    startPlaying();
  });
  function setLarge(on: boolean): void {
    $("large").checked = on;
    doc.body.classList.toggle("large", on);
    // Charts are drawn again at the new size; the message view reads the class at its next frame.
    clearCharts();
    refreshCharts(true);
    messageView.redraw();
  }
  $("large").addEventListener("change", () => setLarge($("large").checked));
  // Keys, for a keyboard or a presenter's clicker; not while typing in a field.
  doc.addEventListener("keydown", (event: any) => {
    const tag = String(event.target && event.target.tagName).toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select" || event.ctrlKey || event.metaKey || event.altKey) return;
    const action: Record<string, string> = { " ": "play", k: "play", ".": "step-event", s: "step-second", m: "step-minute", e: "finish", r: "restart" };
    if (event.key === "l") {
      setLarge(!$("large").checked);
      event.preventDefault();
    } else {
      const id = action[event.key];
      if (id === undefined) return;
      $(id).click();
      event.preventDefault();
    }
  });
  // A link to a lesson (page.html#lesson=visibility-timeout) opens it.
  const hash = /^#lesson=([a-z0-9-]+)$/.exec(String((globalThis as any).location.hash));
  if (hash !== null && lessons.some((l) => l.id === hash[1])) {
    $("lesson").value = hash[1];
    startLesson(hash[1]!);
  } else restart();
}
