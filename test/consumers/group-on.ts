import { type Consumer } from "../../src/consumers/consumer.js";
import { type Kernel } from "../../src/engine/kernel.js";
import { randomStream } from "../../src/engine/random.js";
import { InstanceGroup, type InstanceGroupConfig } from "../../src/scaling/asg/instance-group.js";

/**
 * An instance group giving workers to `consumer` on `kernel`, its kinds registered and started: by default `desired`
 * single-worker instances already InService (min = max = desired), instant, free; `config` changes any of it.
 */
export function groupOn(kernel: Kernel, consumer: Consumer, desired: number, config: Partial<InstanceGroupConfig> = {}): InstanceGroup {
  let group: InstanceGroup | null = null;
  const kinds = {
    inService: kernel.register("instance in service", (t, _a, now) => group!.onInService(t, now)),
    drainTimeout: kernel.register("instance drain timeout", (t, _a, now) => group!.onDrainTimeout(t, now)),
  };
  group = new InstanceGroup(
    {
      min: desired,
      max: desired,
      desired,
      initialState: "running",
      launchTimeS: () => 0,
      warmupUs: 0,
      drain: false,
      drainTimeoutUs: 0,
      scaleInProtection: false,
      terminationOrder: "default",
      concurrency: 1,
      hourlyPriceUsd: 0,
      ...config,
    },
    consumer,
    kernel.events,
    kinds,
    randomStream(1, "t"),
  );
  group.start(0);
  return group;
}
