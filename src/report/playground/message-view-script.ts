// The playground's message view, drawn in the browser (issue 17). Runs from its source text
// (Function.prototype.toString), like the page script that calls it: no imports, no references outside its body.
// Each traced message is a dot that moves, as the run advances, from the producer through the places the worker's
// message board reports (src/playground/message-board.ts): delayed, visible, in flight (a ring counting down its
// visibility timeout), then deleted, the dead-letter queue or expired. A FIFO queue's waiting and in-flight messages
// are drawn in lanes, one per message group, so that a group held up behind its in-flight message shows. Below, the
// worker slots (filled while busy) and the instances by state. Colours are the reports' Okabe-Ito palette, and
// every place is also told by its column and its label, not by colour alone.

/**
 * Makes the view in `canvas`. `askHistory(id, then)` fetches a message's events from the worker; `tip` is the
 * element that shows them on hover. Returns update(board, view), called with each of the worker's replies.
 */
export function createMessageView(doc: any, canvas: any, tip: any, askHistory: (id: number, then: (rows: any[]) => void) => void): any {
  const PLACES = ["delayed", "visible", "inFlight", "deleted", "deadLettered", "expired"];
  const TITLES: Record<string, string> = {
    delayed: "sent · delayed",
    visible: "visible (waiting)",
    inFlight: "in flight",
    deleted: "deleted",
    deadLettered: "dead-letter queue",
    expired: "expired",
  };
  // Column edges as shares of the width: waiting and in flight get the room, the ends less.
  const EDGES = [0, 0.13, 0.41, 0.63, 0.78, 0.9, 1];
  const COLOURS: Record<string, string> = {
    delayed: "#56B4E9",
    visible: "#0072B2",
    inFlight: "#E69F00",
    deleted: "#009E73",
    deadLettered: "#D55E00",
    expired: "#777777",
  };
  const HEAD = 34;
  const dots: Record<number, { x: number; y: number; tx: number; ty: number; r: number; m: any }> = {};
  let board: any = null;
  let view: any = null;
  let lanesNote = "";
  let animating = false;
  let laneLabels: { text: string; x: number; y: number }[] = [];

  function size(): { w: number; h: number } {
    const w = canvas.clientWidth || 1000;
    const h = canvas.clientHeight || 360;
    const ratio = (globalThis as any).devicePixelRatio || 1;
    if (canvas.width !== Math.round(w * ratio)) {
      canvas.width = Math.round(w * ratio);
      canvas.height = Math.round(h * ratio);
    }
    return { w: w, h: h };
  }

  /** Where each message should be: a grid in its place's column, or, for FIFO's waiting and in flight, a lane. */
  function layout(): void {
    const { w, h } = size();
    const dotsH = h - HEAD - 70;
    const byPlace: Record<string, any[]> = {};
    for (const p of PLACES) byPlace[p] = [];
    for (const m of board.messages) byPlace[m.place]!.push(m);
    const seen: Record<number, boolean> = {};
    function place(m: any, tx: number, ty: number, r: number): void {
      seen[m.id] = true;
      const d = dots[m.id];
      if (d === undefined) dots[m.id] = { x: 2, y: HEAD + 6, tx: tx, ty: ty, r: r, m: m };
      else {
        d.tx = tx;
        d.ty = ty;
        d.r = r;
        d.m = m;
      }
    }
    function grid(list: any[], left: number, right: number): void {
      const width = right - left - 8;
      const step = Math.max(4, Math.min(16, Math.floor(Math.sqrt((width * dotsH) / Math.max(1, list.length)))));
      const perRow = Math.max(1, Math.floor(width / step));
      for (let i = 0; i < list.length; i++) {
        place(list[i], left + 4 + step / 2 + (i % perRow) * step, HEAD + step / 2 + Math.floor(i / perRow) * step, Math.max(1.5, step * 0.36));
      }
    }
    lanesNote = "";
    for (let p = 0; p < PLACES.length; p++) {
      const name = PLACES[p]!;
      const left = EDGES[p]! * w;
      const right = EDGES[p + 1]! * w;
      if (board.fifo && (name === "visible" || name === "inFlight")) continue;
      grid(byPlace[name]!, left, right);
    }
    if (board.fifo) {
      // Lanes: one per group with a message waiting or in flight, in the order of their oldest message.
      const groups: string[] = [];
      const lane: Record<string, { waiting: any[]; held: any[] }> = {};
      for (const m of byPlace.visible!.concat(byPlace.inFlight!).sort((a: any, b: any) => a.id - b.id)) {
        if (lane[m.group] === undefined) {
          lane[m.group] = { waiting: [], held: [] };
          groups.push(m.group);
        }
        (m.place === "inFlight" ? lane[m.group]!.held : lane[m.group]!.waiting).push(m);
      }
      const laneH = 16;
      const shown = Math.max(1, Math.floor(dotsH / laneH));
      const vLeft = EDGES[1]! * w;
      const vRight = EDGES[2]! * w;
      for (let g = 0; g < groups.length; g++) {
        const y = HEAD + laneH / 2 + Math.min(g, shown - 1) * laneH;
        const { waiting, held } = lane[groups[g]!]!;
        // The group's head waits nearest the in-flight column; later messages queue to its left.
        const step = Math.max(3, Math.min(14, (vRight - vLeft - 60) / Math.max(1, waiting.length)));
        for (let i = 0; i < waiting.length; i++) place(waiting[i], vRight - 8 - i * step, y, Math.min(5, step * 0.4));
        for (let i = 0; i < held.length; i++) place(held[i], vRight + 12 + i * 14, y, 5);
      }
      if (groups.length > shown) lanesNote = `${groups.length - shown + 1} groups share the last lane`;
      laneLabels = groups.slice(0, shown).map((g, i) => ({ text: `group ${g}`, y: HEAD + laneH / 2 + i * laneH, x: vLeft + 4 }));
    } else laneLabels = [];
    for (const id of Object.keys(dots)) if (!seen[Number(id)]) delete dots[Number(id)];
  }
  function draw(): void {
    if (board === null) return;
    const { w, h } = size();
    const ctx = canvas.getContext("2d");
    const ratio = canvas.width / w;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, w, h);
    // Large type (a projector): the labels half as large again.
    ctx.font = `${doc.body.classList.contains("large") ? 18 : 12}px system-ui, sans-serif`;
    ctx.textBaseline = "middle";
    for (let p = 0; p < PLACES.length; p++) {
      const left = EDGES[p]! * w;
      const right = EDGES[p + 1]! * w;
      ctx.fillStyle = p % 2 === 0 ? "#f6f7f9" : "#ffffff";
      ctx.fillRect(left, 0, right - left, h - 70);
      ctx.fillStyle = "#222";
      ctx.fillText(`${TITLES[PLACES[p]!]} ${board.counts[PLACES[p]!]}`, left + 4, 12);
    }
    ctx.fillStyle = "#555";
    for (const l of laneLabels) ctx.fillText(l.text, l.x, l.y);
    if (lanesNote !== "") ctx.fillText(lanesNote, EDGES[1]! * w + 4, h - 80);
    for (const id of Object.keys(dots)) {
      const d = dots[Number(id)]!;
      const m = d.m;
      ctx.beginPath();
      ctx.arc(d.x, d.y, d.r, 0, 2 * Math.PI);
      if (m.place === "delayed") {
        ctx.strokeStyle = COLOURS.delayed;
        ctx.lineWidth = 1.5;
        ctx.stroke();
      } else {
        ctx.fillStyle = COLOURS[m.place];
        ctx.fill();
      }
      if (m.receives > 1 && d.r >= 2.5) {
        // Received more than once: a dark ring.
        ctx.beginPath();
        ctx.arc(d.x, d.y, d.r + 1.5, 0, 2 * Math.PI);
        ctx.strokeStyle = "#111";
        ctx.lineWidth = 1;
        ctx.stroke();
      }
      if (m.place === "inFlight" && m.untilS !== undefined && m.untilS > m.sinceS) {
        // The visibility timeout's countdown: the arc left is the share of the timeout still to run.
        const left = Math.max(0, Math.min(1, (m.untilS - view.nowS) / (m.untilS - m.sinceS)));
        ctx.beginPath();
        ctx.arc(d.x, d.y, d.r + 3, -Math.PI / 2, -Math.PI / 2 + left * 2 * Math.PI);
        ctx.strokeStyle = "#000";
        ctx.lineWidth = 2;
        ctx.stroke();
      }
    }
    drawCapacity(ctx, w, h);
  }

  function drawCapacity(ctx: any, w: number, h: number): void {
    const top = h - 62;
    ctx.fillStyle = "#222";
    ctx.fillText(`workers: ${board.busy} busy of ${board.slots}`, 4, top + 8);
    const shown = Math.min(board.slots, 240);
    const step = Math.max(4, Math.min(14, (w - 200) / Math.max(1, shown)));
    for (let i = 0; i < shown; i++) {
      const x = 190 + i * step;
      if (i < board.busy) {
        ctx.fillStyle = COLOURS.inFlight;
        ctx.fillRect(x, top + 2, step - 2, 12);
      } else {
        ctx.strokeStyle = "#888";
        ctx.lineWidth = 1;
        ctx.strokeRect(x + 0.5, top + 2.5, step - 3, 11);
      }
    }
    const states: [string, number][] = [
      ["pending", view.pending],
      ["warming up", view.warming],
      ["in service", view.inService - view.warming],
      ["terminating", view.terminating],
    ];
    ctx.fillStyle = "#222";
    ctx.fillText(`instances: ${states.map((s) => `${s[0]} ${s[1]}`).join(" · ")}`, 4, top + 34);
    let x = 420;
    for (const [name, n] of states) {
      for (let i = 0; i < Math.min(n, 40); i++) {
        ctx.strokeStyle = "#0072B2";
        ctx.fillStyle = "#0072B2";
        ctx.lineWidth = 1.5;
        if (name === "pending") {
          ctx.setLineDash([2, 2]);
          ctx.strokeRect(x + 0.5, top + 28.5, 11, 11);
          ctx.setLineDash([]);
        } else if (name === "warming up") {
          ctx.strokeRect(x + 0.5, top + 28.5, 11, 11);
          ctx.fillRect(x, top + 34, 12, 6);
        } else if (name === "in service") ctx.fillRect(x, top + 28, 12, 12);
        else {
          ctx.strokeRect(x + 0.5, top + 28.5, 11, 11);
          ctx.beginPath();
          ctx.moveTo(x, top + 28);
          ctx.lineTo(x + 12, top + 40);
          ctx.stroke();
        }
        x += 15;
      }
    }
  }

  function frame(): void {
    let moving = false;
    for (const id of Object.keys(dots)) {
      const d = dots[Number(id)]!;
      const dx = d.tx - d.x;
      const dy = d.ty - d.y;
      if (Math.abs(dx) > 0.3 || Math.abs(dy) > 0.3) {
        d.x += dx * 0.25;
        d.y += dy * 0.25;
        moving = true;
      } else {
        d.x = d.tx;
        d.y = d.ty;
      }
    }
    draw();
    animating = moving;
    if (moving) (globalThis as any).requestAnimationFrame(frame);
  }

  function hit(event: any): any {
    const rect = canvas.getBoundingClientRect();
    const x = event.clientX - rect.left;
    const y = event.clientY - rect.top;
    let best: any = null;
    let bestD = 64;
    for (const id of Object.keys(dots)) {
      const d = dots[Number(id)]!;
      const dist = (d.x - x) * (d.x - x) + (d.y - y) * (d.y - y);
      if (dist < bestD && dist <= (d.r + 4) * (d.r + 4)) {
        best = d.m;
        bestD = dist;
      }
    }
    return best;
  }

  let tipFor = 0;
  canvas.addEventListener("mousemove", (event: any) => {
    const m = hit(event);
    if (m === null) {
      tip.hidden = true;
      tipFor = 0;
      return;
    }
    tip.style.left = `${event.pageX + 14}px`;
    tip.style.top = `${event.pageY + 10}px`;
    if (tipFor === m.id) return;
    tipFor = m.id;
    askHistory(m.id, (rows) => {
      if (tipFor !== m.id) return;
      tip.textContent = describe(m, rows);
      tip.hidden = false;
    });
  });
  canvas.addEventListener("mouseleave", () => {
    tip.hidden = true;
    tipFor = 0;
  });

  /** A message's history in words: one line per event. */
  function describe(m: any, rows: any[]): string {
    const lines = [
      `message ${m.id}${m.group !== undefined ? ` (group ${m.group})` : ""}: ${TITLES[m.place]}, received ${m.receives} time${m.receives === 1 ? "" : "s"}`,
    ];
    // Its waits: from sent to its first receive (a delay included), and each time back in the queue to the next.
    let waitingSince: number | null = null;
    const waits: string[] = [];
    for (const r of rows) {
      if (r.event === "sent" || r.event === "visibilityExpired" || (r.event === "visibilityChanged" && /^timeout 0 s/.test(r.detail))) waitingSince = r.timeS;
      else if (r.event === "received" && r.receipt !== "copy" && waitingSince !== null) {
        waits.push(`${(r.timeS - waitingSince).toFixed(3)} s`);
        waitingSince = null;
      }
    }
    if (waits.length > 0) lines.push(`waited in the queue ${waits.join(", then ")} before ${waits.length === 1 ? "its receive" : "its receives"}`);
    for (const r of rows) {
      const who = r.consumer !== "" ? ` by ${r.consumer}` : "";
      const receipt = r.receipt !== "" ? `, receipt ${r.receipt}` : "";
      lines.push(`${r.timeS.toFixed(3)} s  ${r.event}${who}${receipt}${r.detail !== "" ? ` (${r.detail})` : ""}`);
    }
    return lines.join("\n");
  }

  return {
    update(nextBoard: any, nextView: any): void {
      board = nextBoard;
      view = nextView;
      for (const p of PLACES) {
        const el = doc.getElementById(`mv-${p}`);
        if (el) el.textContent = String(board.counts[p]);
      }
      layout();
      if (!animating) {
        animating = true;
        (globalThis as any).requestAnimationFrame(frame);
      }
    },
    redraw(): void {
      if (board === null) return;
      layout();
      draw();
    },
    reset(): void {
      for (const id of Object.keys(dots)) delete dots[Number(id)];
    },
    describe: describe,
  };
}
