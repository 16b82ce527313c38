import { describe, expect, it } from "vitest";
import { WorkerPool } from "../../../src/consumers/worker-pool.js";
import { Kernel } from "../../../src/engine/kernel.js";
import { randomStream } from "../../../src/engine/random.js";
import { LogHistogram } from "../../../src/metrics/log-histogram.js";
import { InstanceGroup, type InstanceGroupConfig } from "../../../src/scaling/asg/instance-group.js";
import { StandardQueue } from "../../../src/sqs/standard-queue.js";

const S = 1_000_000;

/** A queue, a pool and a group on one kernel, each kind registered with its component's handler. */
function world(group: Partial<InstanceGroupConfig> = {}, processingS = 10) {
  const kernel = new Kernel();
  const events = kernel.events;
  const K = {
    timer: kernel.register("queue timer", (_t, arg, now) => queue.onTimer(arg, now)),
    receive: kernel.register("worker receive", (t, _a, now) => pool.onReceiveArrives(t, now)),
    finish: kernel.register("worker delete", (t, arg, now) => pool.onFinish(t, arg, now)),
    heartbeat: kernel.register("worker heartbeat", (t, arg, now) => pool.onHeartbeat(t, arg, now)),
    inService: kernel.register("instance in service", (t, _a, now) => g.onInService(t, now)),
    drainTimeout: kernel.register("instance drain timeout", (t, _a, now) => g.onDrainTimeout(t, now)),
  };
  const queue = new StandardQueue(
    {
      visibilityTimeoutUs: 30 * S,
      retentionUs: 4 * 86_400 * S,
      maxMessageSizeBytes: 1_048_576,
      duplicateDeliveryRate: 0,
      shortPollServers: 128,
      shortPollMessageWeight: 0.5,
      inFlightLimit: 120_000,
      deadLetter: null,
      maxStoredMessages: 1e6,
    },
    events,
    K.timer,
    0,
    randomStream(1, "d"),
    randomStream(1, "p"),
    { queueWait: new LogHistogram(), endToEnd: new LogHistogram() },
  );
  const pool = new WorkerPool(
    { batchSize: 1, waitUs: 20 * S, apiLatencyUs: 0, processingS: () => processingS, transientFailure: 0, heartbeat: null },
    queue,
    events,
    { receive: K.receive, finish: K.finish, heartbeat: K.heartbeat },
    randomStream(1, "f"),
  );
  const g = new InstanceGroup(
    {
      min: 0,
      max: 10,
      desired: 2,
      initialState: "launching",
      launchTimeS: () => 60,
      warmupUs: 120 * S,
      drain: false,
      drainTimeoutUs: 300 * S,
      scaleInProtection: false,
      terminationOrder: "default",
      concurrency: 1,
      hourlyPriceUsd: 0.1,
      ...group,
    },
    pool,
    events,
    { inService: K.inService, drainTimeout: K.drainTimeout },
    randomStream(1, "t"),
  );
  const activities: string[] = [];
  g.setActivityListener({ desiredChanged: (t, b, a, src, why) => void activities.push(`${t / S}s ${src} ${b}->${a}: ${why}`), settled: () => {} });
  const runUntil = (tUs: number) => void kernel.runUntil(tUs);
  return { events, queue, pool, g, activities, runUntil };
}

describe("InstanceGroup (EC2 Auto Scaling group lifecycle)", () => {
  it("launched instances are Pending for their launch time, then InService with their workers polling (5.1-5.2)", () => {
    const w = world();
    w.g.start(0);
    expect(w.g.pending).toBe(2);
    w.runUntil(60 * S - 1);
    expect(w.g.inService).toBe(0);
    w.runUntil(60 * S);
    expect(w.g.inService).toBe(2);
    expect(w.pool.size).toBe(2);
  });

  it("initialState running: the initial instances were there before the run, InService at t=0 and past warm-up", () => {
    let draws = 0;
    const w = world({
      initialState: "running",
      launchTimeS: () => {
        draws++;
        return 60;
      },
    });
    w.g.start(0);
    w.runUntil(0);
    expect(w.g.inService).toBe(2);
    expect(w.g.pending).toBe(0);
    expect(w.pool.size).toBe(2);
    // Past any warm-up (the group's and a policy's own), so nothing blocks scale-in at t=0 (6.14).
    expect(w.g.warming(0)).toBe(0);
    expect(w.g.warming(0, 3_600 * S)).toBe(0);
    // They draw no launch time; an instance launched later does, and warms up as usual.
    expect(draws).toBe(0);
    w.g.setDesired(3, 10 * S, "test", "");
    expect(draws).toBe(1);
    w.runUntil(70 * S);
    expect(w.g.warming(70 * S)).toBe(1);
    // The 60 s billing minimum of a preexisting instance was paid before the run: terminated at 30 s, billed 30 s.
    const v = world({ initialState: "running", desired: 1 });
    v.g.start(0);
    v.runUntil(30 * S);
    v.g.setDesired(0, 30 * S, "test", "");
    expect(v.g.billing(100 * S)).toEqual({ instanceSeconds: 30, billedInstanceSeconds: 30, workingInstanceSeconds: 30, workerSeconds: 30 });
  });

  it("instances warm up for the warm-up time after InService and count as warming meanwhile (6.14)", () => {
    const w = world();
    w.g.start(0);
    w.runUntil(60 * S);
    expect(w.g.warming(60 * S)).toBe(2);
    expect(w.g.warming(180 * S - 1)).toBe(2);
    expect(w.g.warming(180 * S)).toBe(0);
  });

  it("desired capacity is clamped into [min, max] (5.14) and each change is reported with its source and reason", () => {
    const w = world({ min: 1, max: 4 });
    w.g.start(0);
    expect(w.g.setDesired(9, 10 * S, "policy", "test")).toBe(4);
    expect(w.g.setDesired(0, 20 * S, "policy", "test")).toBe(1);
    expect(w.activities).toEqual(["10s policy 2->4: test", "20s policy 4->1: test"]);
  });

  it("billing runs from launch, not InService, with a 60 s minimum per instance (5.3, 10.6)", () => {
    const w = world({ desired: 1 });
    w.g.start(0);
    w.runUntil(30 * S);
    // Terminated while still Pending, 30 s after launch: billed 60 s, used 30 s.
    w.g.setDesired(0, 30 * S, "test", "");
    w.runUntil(100 * S);
    expect(w.g.billing(100 * S)).toEqual({ instanceSeconds: 30, billedInstanceSeconds: 60, workingInstanceSeconds: 0, workerSeconds: 0 });
    const v = world({ desired: 1 });
    v.g.start(0);
    v.runUntil(500 * S);
    expect(v.g.billing(500 * S)).toEqual({ instanceSeconds: 500, billedInstanceSeconds: 500, workingInstanceSeconds: 440, workerSeconds: 440 });
  });

  it("scale-in terminates Pending instances before InService ones", () => {
    const w = world({ desired: 1 });
    w.g.start(0);
    w.runUntil(60 * S);
    w.g.setDesired(3, 60 * S, "test", "");
    expect(w.g.pending).toBe(2);
    w.g.setDesired(1, 61 * S, "test", "");
    expect(w.g.pending).toBe(0);
    expect(w.g.inService).toBe(1);
  });

  it("protected instances are never terminated; desired capacity still drops (5.17)", () => {
    const w = world({ desired: 2, scaleInProtection: true });
    w.g.start(0);
    w.runUntil(60 * S);
    expect(w.g.setDesired(0, 100 * S, "test", "")).toBe(0);
    expect(w.g.inService).toBe(2);
    expect(w.g.terminated).toBe(0);
  });

  it("oldestInstance and newestInstance choose by launch time", () => {
    for (const [order, survivorLaunchS] of [
      ["oldestInstance", 100],
      ["newestInstance", 0],
    ] as const) {
      const w = world({ desired: 1, terminationOrder: order });
      w.g.start(0);
      w.runUntil(100 * S);
      w.g.setDesired(2, 100 * S, "test", "");
      w.runUntil(200 * S);
      w.g.setDesired(1, 200 * S, "test", "");
      // Billing tells which one is left: the survivor has run from its launch to 300 s.
      w.runUntil(300 * S);
      const { instanceSeconds } = w.g.billing(300 * S);
      const terminatedSpan = survivorLaunchS === 100 ? 200 : 100; // the other instance ran until 200 s
      expect(instanceSeconds).toBe(300 - survivorLaunchS + terminatedSpan);
    }
  });

  it("an abrupt termination abandons the batch in hand: its message reappears after the visibility timeout (12.10)", () => {
    const w = world({ desired: 1, launchTimeS: () => 0 });
    w.g.start(0);
    w.runUntil(1 * S);
    w.queue.send(1 * S, 100, 0, 0);
    w.runUntil(5 * S); // received at 1 s, processing takes 10 s
    expect(w.queue.inFlight).toBe(1);
    w.g.setDesired(0, 5 * S, "test", "");
    expect(w.g.terminated).toBe(1);
    w.runUntil(31 * S - 1);
    expect(w.queue.visible).toBe(0);
    w.runUntil(31 * S);
    expect(w.queue.visible).toBe(1);
    expect(w.pool.abandonedBatches).toBe(1);
  });

  it("a draining termination finishes and deletes the batch first, then the instance ends", () => {
    const w = world({ desired: 1, launchTimeS: () => 0, drain: true });
    w.g.start(0);
    w.runUntil(1 * S);
    w.queue.send(1 * S, 100, 0, 0);
    w.runUntil(5 * S);
    w.g.setDesired(0, 5 * S, "test", "");
    expect(w.g.terminating).toBe(1);
    w.runUntil(11 * S);
    expect(w.queue.deleted).toBe(1);
    expect(w.g.terminating).toBe(0);
    expect(w.g.terminated).toBe(1);
    expect(w.g.billing(100 * S).instanceSeconds).toBe(11);
  });

  it("a group launched and terminated a thousand times holds only its live instances and reuses its workers' slots", () => {
    // It kept every instance ever launched, and the pool every worker (scale-in scanned them all: quadratic time).
    const w = world({ min: 0, max: 10, desired: 0, launchTimeS: () => 1, concurrency: 3 });
    w.g.start(0);
    for (let k = 0; k < 1000; k++) {
      const t = k * 20 * S;
      w.g.setDesired(10, t, "test", "");
      w.runUntil(t + 10 * S);
      w.g.setDesired(0, t + 10 * S, "test", "");
      w.runUntil(t + 20 * S - 1);
    }
    expect(w.g.launched).toBe(10_000);
    expect(w.g.terminated).toBe(10_000);
    expect(w.g.instancesHeld).toBe(0);
    expect(w.pool.size).toBe(30_000);
    expect(w.pool.slots).toBe(30);
    // 10,000 instances, each launched 10 s before its termination (billed 60 s), InService for 9 s of it, with 3 workers.
    expect(w.g.billing(20_000 * S)).toEqual({
      instanceSeconds: 100_000,
      billedInstanceSeconds: 600_000,
      workingInstanceSeconds: 90_000,
      workerSeconds: 270_000,
    });
  });

  it("a drain timeout stops the draining instance's workers only, not those the pool gave its drained slots to", () => {
    const w = world({ min: 0, max: 10, desired: 1, launchTimeS: () => 0, drain: true, drainTimeoutUs: 30 * S, concurrency: 2 }, 60);
    w.g.start(0);
    w.runUntil(1 * S);
    w.queue.send(1 * S, 100, 0, 0);
    w.runUntil(5 * S); // one worker processes for 60 s, the other polls
    w.g.setDesired(0, 5 * S, "test", ""); // the poller stops at once, its slot free; the other drains
    w.g.setDesired(1, 6 * S, "test", ""); // a new instance, InService at once: its workers take free slots
    w.runUntil(7 * S);
    expect(w.pool.slots).toBe(3);
    expect(w.g.inService).toBe(1);
    w.runUntil(36 * S); // the old instance's drain times out at 35 s
    expect(w.g.terminating).toBe(0);
    expect(w.g.inService).toBe(1);
    // The new instance's two workers still run, the one in the drained worker's slot too.
    expect([0, 1, 2].filter((slot) => w.pool.isRunning(slot))).toHaveLength(2);
  });

  it("a drain that outlasts its timeout ends abruptly at the timeout", () => {
    const w = world({ desired: 1, launchTimeS: () => 0, drain: true, drainTimeoutUs: 3 * S }, 60);
    w.g.start(0);
    w.runUntil(1 * S);
    w.queue.send(1 * S, 100, 0, 0);
    w.runUntil(5 * S);
    w.g.setDesired(0, 5 * S, "test", "");
    w.runUntil(8 * S);
    expect(w.g.terminated).toBe(1);
    expect(w.queue.deleted).toBe(0);
    expect(w.pool.abandonedBatches).toBe(1);
  });
});
