// JSON Schema of the scenario file (the input side: human units accepted), so editors can complete and check
// scenario files. Generated from the zod schema; nodes zod cannot express become "any" instead of failing.
import { z } from "zod";
import { ScenarioSchema } from "./schema.js";

export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ScenarioSchema, { io: "input", unrepresentable: "any", target: "draft-2020-12" });
  return {
    ...schema,
    title: "sqs-sim scenario",
    description: "A simulated SQS queue with producers and a consumer fleet. Durations: 250ms, 30s, 5m, 6h, 4d; sizes: 512B, 64KiB, 1MiB.",
  };
}
