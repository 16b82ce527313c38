// Per-message traces (issue 17): the queue's own events for the first N messages, with the consumer and receipt of
// each, and nothing changed in the run by recording them.
import { describe, expect, it } from "vitest";
import { ScenarioSchema } from "../../src/scenario/schema.js";
import { simulate } from "../../src/sim/simulate.js";

// One 45 s job at a time against a 30 s visibility timeout, two workers: the classroom stale-receipt example.
function stale(overrides: Record<string, unknown> = {}) {
  return ScenarioSchema.parse({
    name: "stale",
    duration: "3m",
    queue: { visibilityTimeout: "30s", receiveWaitTime: "20s" },
    producers: [{ name: "p", traffic: [{ constant: 0.02 }], arrivals: "uniform" }],
    consumers: { concurrency: 2, processing: { constant: "45s" } },
    fleet: { kind: "fixed", instances: 1 },
    ...overrides,
  });
}

const events = (rows: { message: number; event: string; consumer: string; detail: string }[], message: number) =>
  rows.filter((r) => r.message === message).map((r) => [r.event, r.consumer, r.detail].filter((x) => x !== "").join(" "));

describe("--trace-messages", () => {
  it("shows a message received by two consumers, the first one's delete ignored for its stale receipt", () => {
    const rows = simulate(stale(), { traceMessages: 2 }).messageTrace!;
    expect(events(rows, 1)).toEqual([
      "sent",
      "received consumers#1 receive 1",
      "visibilityExpired consumers#1",
      "received consumers#2 receive 2",
      "deleteIgnored consumers#1 stale receipt: the message was received again since",
      // Nobody received it since the second timeout ran out, so the second receipt still deletes it (aws-behaviour 1.30).
      "visibilityExpired consumers#2",
      "deleted consumers#2",
    ]);
    expect(new Set(rows.map((r) => r.message))).toEqual(new Set([1, 2]));
    // Each receipt belongs to one receive; a delete names the consumer whose receive gave it.
    const receipts = rows.filter((r) => r.event === "received").map((r) => r.receipt);
    expect(new Set(receipts).size).toBe(receipts.length);
  });

  it("changes nothing in the run: the summary and series are the same with and without it", () => {
    const off = simulate(stale());
    const on = simulate(stale(), { traceMessages: 10 });
    expect(JSON.stringify(on.summary)).toBe(JSON.stringify(off.summary));
    expect(JSON.stringify(on.series)).toBe(JSON.stringify(off.series));
    expect(off.messageTrace).toBeUndefined();
  });

  it("on FIFO, a delete after the visibility timeout is ignored even if nobody received the message since (1.31)", () => {
    const s = stale({
      queue: { type: "fifo", visibilityTimeout: "30s", receiveWaitTime: "20s" },
      producers: [{ name: "p", traffic: [{ constant: 0.02 }], arrivals: "uniform", messageGroups: { count: 1 } }],
      consumers: { concurrency: 1, processing: { constant: "45s" } },
    });
    const rows = simulate(s, { traceMessages: 1 }).messageTrace!;
    expect(events(rows, 1).slice(0, 5)).toEqual([
      "sent group 0",
      "received consumers#1 receive 1",
      "visibilityExpired consumers#1",
      "deleteIgnored consumers#1 the visibility timeout had expired (a FIFO queue refuses the call, 1.31)",
      "received consumers#1 receive 2",
    ]);
  });

  it("records dead-lettering and the receive count that caused it", () => {
    // A poison message fails every time: it returns after each visibility timeout until the receive that would be
    // its third moves it (maxReceiveCount 2).
    const s = stale({
      queue: { visibilityTimeout: "30s", receiveWaitTime: "20s", deadLetter: { maxReceiveCount: 2 } },
      consumers: { concurrency: 1, processing: { constant: "1s" }, failures: { poison: 1 } },
      duration: "3m",
    });
    const rows = simulate(s, { traceMessages: 1 }).messageTrace!;
    expect(events(rows, 1).filter((e) => !e.startsWith("visibilityExpired"))).toEqual([
      "sent",
      "received consumers#1 receive 1",
      "received consumers#1 receive 2",
      "deadLettered after 2 receives",
    ]);
  });
});

describe("the report's message lanes", () => {
  it("draws each traced message's waits and holds, its receives, the ignored delete and the delete", async () => {
    const { buildCharts } = await import("../../src/report/charts/index.js");
    const { runData } = await import("../../src/report/run-data.js");
    const s = stale();
    const chart = buildCharts(runData(simulate(s, { traceMessages: 2 }), s, "{}")).find((c) => c.id === "messages")!;
    const sets = chart.config.data.datasets as { label: string; data: { x: number; y: number | null }[] }[];
    expect(sets.map((d) => d.label)).toEqual([
      "waiting (visible or delayed)",
      "in flight (held by a consumer)",
      "received (4)",
      "deleted (2)",
      "delete ignored (2)",
    ]);
    // Message 1: held from 50 s by consumers#1, from 80 s by consumers#2 (a receive, no wait between), then visible
    // from 110 s until its delete at 125 s.
    const lane1 = (label: string) =>
      sets
        .find((d) => d.label.startsWith(label))!
        .data.filter((p) => p.y === 1)
        .map((p) => p.x);
    expect(lane1("in flight")).toEqual([50.0025, 80.0025, 80.0025, 110.0025]);
    expect(lane1("waiting")).toEqual([110.0025, 125.0075]);
    expect(lane1("delete ignored")).toEqual([95.0075]);
    // No chart without a trace.
    expect(buildCharts(runData(simulate(s), s, "{}")).some((c) => c.id === "messages")).toBe(false);
  });
});

describe("--trace-messages, every event where it happens", () => {
  it("heartbeats are visibility changes; one to 0 makes the message visible at once, and the lanes show it waiting", async () => {
    // One worker: nobody takes the message when it turns visible, so it waits, drawn so, until the worker deletes it.
    const s = stale({ consumers: { concurrency: 1, processing: { constant: "50s" }, heartbeat: { every: "10s", extendBy: "0s" } } });
    const rows = simulate(s, { traceMessages: 1 }).messageTrace!;
    const change = rows.find((r) => r.event === "visibilityChanged")!;
    expect(change.detail).toBe("timeout 0 s from now");
    const { buildCharts } = await import("../../src/report/charts/index.js");
    const { runData } = await import("../../src/report/run-data.js");
    const chart = buildCharts(runData({ ...simulate(s), messageTrace: rows }, s, "{}")).find((c) => c.id === "messages")!;
    const waiting = (chart.config.data.datasets as { label: string; data: { x: number; y: number | null }[] }[])[0]!.data;
    expect(waiting.some((p) => p.x === change.timeS && p.y === 1)).toBe(true);
  });

  it("records retention expiry, short-poll receives, and names the consumer of a duplicate copy's ignored delete", () => {
    const expiring = simulate(
      stale({ queue: { visibilityTimeout: "30s", receiveWaitTime: "20s", retention: "60s" }, fleet: { kind: "fixed", instances: 0 } }),
      { traceMessages: 1 },
    ).messageTrace!;
    expect(events(expiring, 1)).toEqual(["sent", "expired retention period"]);
    const short = simulate(stale({ queue: { visibilityTimeout: "30s", receiveWaitTime: "0s" } }), { traceMessages: 1 }).messageTrace!;
    expect(short.some((r) => r.event === "received" && r.consumer === "consumers#1")).toBe(true);
    const dup = simulate(
      stale({
        queue: { visibilityTimeout: "60s", receiveWaitTime: "20s", duplicateDeliveryRate: 0.5 },
        consumers: { concurrency: 2, processing: { constant: "1s" } },
      }),
      { traceMessages: 20 },
    ).messageTrace!;
    const copyDeletes = dup.filter((r) => r.receipt === "copy" && r.event === "deleteIgnored");
    expect(copyDeletes.length).toBeGreaterThan(0);
    expect(copyDeletes.every((r) => r.consumer.startsWith("consumers#"))).toBe(true);
  });

  it("changes nothing in FIFO and Lambda runs either", async () => {
    const { loadScenarioFile } = await import("../../src/scenario/load.js");
    const { join, resolve } = await import("node:path");
    for (const [file, set] of [
      ["fifo-hot-group.yaml", "duration=10m"],
      ["lambda-vs-asg.yaml", "consumers.platform=lambda"],
    ]) {
      const loaded = loadScenarioFile(join(resolve(import.meta.dirname, "../.."), "scenarios", file!), { sets: [set!, "duration=10m"] });
      if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
      const off = simulate(loaded.scenario);
      const on = simulate(loaded.scenario, { traceMessages: 50 });
      expect(JSON.stringify(on.summary), file).toBe(JSON.stringify(off.summary));
      expect(on.messageTrace!.length).toBeGreaterThan(50);
    }
  });

  it("stops at its most events and says when", async () => {
    const { MessageTrace } = await import("../../src/sqs/message-trace.js");
    const trace = new MessageTrace(10, 3);
    for (let t = 1; t <= 5; t++) if (trace.includes(1)) trace.record(t, 1, "sent", -1, -1, "");
    expect(trace.length).toBe(3);
    expect(trace.stoppedAtUs).toBe(4);
    expect(trace.includes(1)).toBe(false);
  });
});

describe("messages.csv read back", () => {
  it("refuses rows that go back in time, a message below 1 and an unknown event, naming the line", async () => {
    const { messagesFromCsv, SavedRunProblem } = await import("../../src/report/saved-run.js");
    const head = "time_s,message,event,consumer,receipt,detail\n";
    expect(messagesFromCsv(`${head}1,1,sent,,,\n2,1,"received",consumers#1,1,"receive 1, first"\n`, "m.csv")[1]!.detail).toBe("receive 1, first");
    for (const [row, message] of [
      ["5,1,sent,,,\n4,1,deleted,,,", 'm.csv: line 3: time_s "4" is not a time at or after the row before\'s (5 s)'],
      ["-1,1,sent,,,", 'm.csv: line 2: time_s "-1" is not a time at or after'],
      ["1,0,sent,,,", 'm.csv: line 2: message "0" is not a whole number from 1'],
      ["1,1,teleported,,,", 'm.csv: line 2: event "teleported" is not one of sent'],
    ]) {
      expect(() => messagesFromCsv(`${head}${row}\n`, "m.csv")).toThrow(SavedRunProblem);
      expect(() => messagesFromCsv(`${head}${row}\n`, "m.csv")).toThrow(message!);
    }
  });
});

describe("refused visibility changes", () => {
  it("are events with why: a heartbeat after the message came back under another receipt, and past the 12 h cap", () => {
    // 45 s jobs, a 30 s timeout, a heartbeat at 40 s that extends by 30 s: by then the message is another worker's.
    const late = simulate(stale({ consumers: { concurrency: 2, processing: { constant: "45s" }, heartbeat: { every: "40s", extendBy: "30s" } } }), {
      traceMessages: 1,
    }).messageTrace!;
    expect(
      late.some(
        (r) => r.event === "visibilityChangeRefused" && r.consumer === "consumers#1" && r.detail === "stale receipt: the message was received again since",
      ),
    ).toBe(true);
    // A 13 h job, a heartbeat every 20 s for 60 s more: refused from 12 h after the receive (1.27), then it expires.
    const long = simulate(
      stale({
        duration: "14h",
        producers: [{ name: "p", traffic: [{ constant: 0.001 }], arrivals: "uniform" }],
        consumers: { concurrency: 1, processing: { constant: "13h" }, heartbeat: { every: "20s", extendBy: "60s" } },
        queue: { visibilityTimeout: "60s", receiveWaitTime: "20s" },
      }),
      { traceMessages: 1 },
    ).messageTrace!;
    const refused = long.filter((r) => r.event === "visibilityChangeRefused");
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]!.detail).toBe("it would reach past 12 h after the receive (1.27)");
    const received = long.find((r) => r.event === "received")!;
    expect(refused[0]!.timeS - received.timeS).toBeGreaterThan(12 * 3600 - 60);
  });
});

describe("consumer names in a trace", () => {
  it("number workers in the order they started, so a later worker in a reused slot has a name of its own", () => {
    // 1 instance of 1 worker, 2 at 2 min, back to 1 at 4 min (the newest goes), 2 again at 6 min: the third worker
    // reuses the second's slot (named by slot, both would be consumers#1).
    const s = ScenarioSchema.parse({
      name: "reuse",
      duration: "10m",
      queue: { visibilityTimeout: "30s", receiveWaitTime: "20s" },
      producers: [{ name: "p", traffic: [{ constant: 2 }] }],
      consumers: { concurrency: 1, processing: { constant: "400ms" } },
      fleet: {
        kind: "asg",
        min: 1,
        max: 2,
        launchTime: "10s",
        warmup: "0s",
        policies: [{ scheduled: { at: "2m", desired: 2 } }, { scheduled: { at: "4m", desired: 1 } }, { scheduled: { at: "6m", desired: 2 } }],
      },
    });
    const rows = simulate(s, { traceMessages: 2000 }).messageTrace!;
    const names = [...new Set(rows.filter((r) => r.event === "received").map((r) => r.consumer))].sort();
    expect(names).toEqual(["consumers#1", "consumers#2", "consumers#3"]);
    // The third worker (started at about 6 min) receives only after it started.
    const third = rows.find((r) => r.event === "received" && r.consumer === "consumers#3")!;
    expect(third.timeS).toBeGreaterThan(360);
  });
});
