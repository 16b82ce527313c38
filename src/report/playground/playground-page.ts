// The playground page (issue 17, first version): one self-contained HTML file with the simulator inlined as a Web
// Worker (dist/playground/sim-worker.js), the scenario's text to edit, a seed, play, pause, step (one event, one
// second, one minute), a speed from real time to as fast as the machine goes, the clock, the queue's gauges as the
// run advances, and summary.json at the end. No network request: the CSP allows only inline scripts, the worker from
// a Blob, and nothing else.
import { hydrateChartConfig } from "../charts/chart-runtime.js";
import { chartJsSource, documentHead, escapeHtml, inlineScript, scriptJson } from "../html/page.js";
import { PAGE_CSS } from "../html/page-style.js";
import { figureAt, holds, type Lesson } from "../../playground/lesson-types.js";
import { TRACED_MESSAGES } from "../../playground/message-board.js";
import { createMessageView } from "./message-view-script.js";
import { startPlayground } from "./playground-script.js";

const GAUGES: [id: string, label: string][] = [
  ["events", "events handled"],
  ["sent", "messages sent (NumberOfMessagesSent, so far)"],
  ["visible", "visible (ApproximateNumberOfMessagesVisible)"],
  ["inFlight", "in flight (ApproximateNumberOfMessagesNotVisible)"],
  ["delayed", "delayed (ApproximateNumberOfMessagesDelayed)"],
  ["received", "deliveries (NumberOfMessagesReceived, so far)"],
  ["deleted", "deleted (NumberOfMessagesDeleted, so far)"],
  ["deadLettered", "moved to the dead-letter queue"],
  ["inService", "instances InService"],
  ["busyWorkers", "workers processing"],
];

const PLAYGROUND_CSS = `
.controls { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: .75rem 0; }
.controls button, .controls select, .controls input { font: inherit; padding: .3rem .6rem; }
#clock { font-variant-numeric: tabular-nums; font-weight: bold; }
textarea#scenario { width: 100%; min-height: 16rem; font-family: ui-monospace, monospace; font-size: .9rem; }
#errors { color: #D55E00; white-space: pre-wrap; }
table.gauges td:last-child { text-align: right; font-variant-numeric: tabular-nums; min-width: 6rem; }
body.large { font-size: 1.5rem; }
body.large canvas#messages { height: 560px; }
kbd { border: 1px solid #888; border-radius: 3px; padding: 0 .3rem; font-size: .9em; }
label.control { display: block; }
label.control input { width: 7rem; }
canvas#messages { width: 100%; height: 420px; display: block; border: 1px solid var(--rule); border-radius: 6px; }
#message-tip { position: absolute; background: #fff; border: 1px solid #888; padding: .4rem .6rem; white-space: pre; font: 12px ui-monospace, monospace; max-height: 20rem; overflow: auto; pointer-events: none; z-index: 10; }
table.lesson-figures td:not(:first-child) { text-align: right; font-variant-numeric: tabular-nums; min-width: 7rem; }
#lesson-choices label { display: block; margin: .2rem 0; }
#lesson-verdict { font-weight: bold; }
.counts span { font-variant-numeric: tabular-nums; font-weight: bold; }
`;

/** A lesson as the page carries it: with its scenario's text. */
export type PageLesson = Lesson & { text: string };

/** `traces`: the text of each trace file the scenario names, by the name it writes. */
export function playgroundHtml(
  scenarioText: string,
  scenarioName: string,
  seed: number,
  workerSource: string,
  lessons: PageLesson[],
  traces: Record<string, string> = {},
): string {
  if (/<\/script/i.test(workerSource)) throw new Error('the worker contains "</script" and cannot be inlined');
  const lessonKit = `{ figureAt: (${figureAt.toString()}), holds: (${holds.toString()}) }`;
  const start = `(${startPlayground.toString()})(window.Chart, (${hydrateChartConfig.toString()}), (${createMessageView.toString()}), ${lessonKit});`;
  return `${documentHead(`sqs-sim playground: ${scenarioName}`, PAGE_CSS + PLAYGROUND_CSS, { blobWorkers: true })}
<body>
<main>
<header><h1>sqs-sim playground: ${escapeHtml(scenarioName)}</h1>
<p>The simulator runs here, in your browser, on the scenario below: edit it, pick a seed, and play, pause or step
through it. The same scenario and seed give the same numbers as <code>npx sqs-sim run</code>.</p></header>
<section id="lessons">
<h2>Lessons</h2>
<div class="controls"><label>lesson <select id="lesson" aria-label="lesson">
<option value="">none: the scenario below, as you like</option>
${lessons.map((l) => `<option value="${escapeHtml(l.id)}">${escapeHtml(l.title)}</option>`).join("\n")}
</select></label></div>
<div id="lesson-panel" hidden>
<h3 id="lesson-title"></h3>
<p id="lesson-watch"></p>
<ol>
<li>Play it to the end (Play, or Run to the end) and look at the figures in the table below.</li>
<li>Then the change: <strong id="lesson-change"></strong>. Before you make it, predict:
<fieldset id="lesson-choices"><legend id="lesson-question"></legend></fieldset>
<button id="lesson-apply" type="button" disabled>Make the change and run it</button></li>
</ol>
<table class="lesson-figures"><thead><tr><th>figure (summary.json)</th><th>before</th><th>after the change</th></tr></thead>
<tbody id="lesson-figures"></tbody></table>
<p id="lesson-verdict" aria-live="polite"></p>
<p id="lesson-explanation" hidden></p>
</div>
</section>
<section>
<div class="controls" role="toolbar" aria-label="run controls">
<button id="play" type="button">Play</button>
<label>speed <select id="speed" aria-label="speed">
<option value="1">real time</option><option value="10">10×</option><option value="60" selected>60× (a minute a second)</option>
<option value="600">600×</option><option value="3600">3,600× (an hour a second)</option><option value="0">as fast as it goes</option>
</select></label>
<button id="step-event" type="button">Step one event</button>
<button id="step-second" type="button">+1 s</button>
<button id="step-minute" type="button">+1 min</button>
<button id="finish" type="button">Run to the end</button>
<span>clock <span id="clock" aria-live="polite">0 s</span></span>
<label><input id="large" type="checkbox"> large type</label>
</div>
<p class="keys">Keys: <kbd>Space</kbd> play or pause · <kbd>.</kbd> one event · <kbd>s</kbd> +1 s · <kbd>m</kbd> +1 min ·
<kbd>e</kbd> run to the end · <kbd>r</kbd> restart · <kbd>l</kbd> large type (not while typing in a field).</p>
<h2>Controls</h2>
<p>Each change restarts the run from 0 with the same seed.</p>
<div id="controls" class="controls"></div>
<table class="gauges"><tbody>
${GAUGES.map(([id, label]) => `<tr><td>${escapeHtml(label)}</td><td id="g-${id}">0</td></tr>`).join("\n")}
</tbody></table>
</section>
<section id="message-view">
<h2>Messages</h2>
<p>Each of the first ${TRACED_MESSAGES} messages is a dot, moving as the run goes: from the producer (a hollow
dot while delayed) to the queue, where it waits visible, to a worker, which holds it in flight (the black arc is what is
left of its visibility timeout), and on to deleted, the dead-letter queue or expired. A dark ring marks a message
received more than once. A FIFO queue draws its waiting and in-flight messages in lanes, one per message group. Hover
over a dot for its history: each receive, its receipt handle and consumer, and what became of it.</p>
<canvas id="messages" role="img" aria-label="the traced messages by where they are; counts below"></canvas>
<div id="message-tip" hidden></div>
<p class="counts">delayed <span id="mv-delayed">0</span> · visible <span id="mv-visible">0</span> ·
in flight <span id="mv-inFlight">0</span> · deleted <span id="mv-deleted">0</span> ·
dead-letter queue <span id="mv-deadLettered">0</span> · expired <span id="mv-expired">0</span></p>
<div class="controls"><label>a message's history, by its number <input id="message-id" type="number" min="1" step="1" value="1"></label>
<button id="message-show" type="button">Show</button></div>
<pre id="message-history" aria-live="polite"></pre>
</section>
<section>
<h2>Charts</h2>
<p>The report's charts, drawn as the run goes: a point at the end of each metrics period.</p>
<div id="charts"></div>
</section>
<section>
<h2>Scenario</h2>
<div class="controls"><label>seed <input id="seed" type="number" min="0" step="1" value="${seed}"></label>
<button id="restart" type="button">Restart from 0 with this scenario and seed</button></div>
<textarea id="scenario" spellcheck="false" aria-label="scenario (YAML)">${escapeHtml(scenarioText)}</textarea>
<div id="errors" role="alert"></div>
</section>
<section>
<h2>summary.json at the end</h2>
<pre id="summary"></pre>
</section>
<footer>Made by sqs-sim. This file is self-contained (the simulator is included) and works offline.</footer>
</main>
<script type="text/plain" id="sim-worker">${workerSource}</script>
<script type="application/json" id="lesson-data">${scriptJson(lessons)}</script>
<script type="application/json" id="trace-data">${scriptJson(traces)}</script>
${inlineScript(chartJsSource(), "Chart.js")}
${inlineScript(start, "the page script")}
</body>
</html>
`;
}
