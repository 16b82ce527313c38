// JSON Schema of the scenario file (the input side: human units accepted), so editors can complete and check
// scenario files. Generated from the zod schema; nodes zod cannot express become "any" instead of failing.
import { z } from "zod";
import { ScenarioSchema } from "./schema.js";
import { ArchitectureSchema } from "./architecture-schema.js";

export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ScenarioSchema, { io: "input", unrepresentable: "any", target: "draft-2020-12" });
  return {
    ...schema,
    title: "sqs-sim scenario",
    description: "A simulated SQS queue with producers and a consumer fleet. Durations: 250ms, 30s, 5m, 6h, 4d; sizes: 512B, 64KiB, 1MiB.",
  };
}

/**
 * The JSON Schema of a scenario file in either format (`sqs-sim schema`): the single-queue format or the architecture
 * format (topics, queues: [...], consumers: [...]), as anyOf.
 */
export function scenarioFileJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(z.union([ScenarioSchema, ArchitectureSchema]), { io: "input", unrepresentable: "any", target: "draft-2020-12" });
  return {
    ...schema,
    title: "sqs-sim scenario",
    description:
      "A simulated SQS queue with producers and a consumer fleet, or an architecture of SNS topics, queues and consumer pools. Durations: 250ms, 30s, 5m, 6h, 4d; sizes: 512B, 64KiB, 1MiB.",
  };
}
