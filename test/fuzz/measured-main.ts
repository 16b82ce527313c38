// `node measured-main.js <args>` is `sqs-sim <args>` (dist/src/cli/main.js) that also reports, on file descriptor 3
// as it exits, its peak resident set size and any change it made to the built-in prototypes: the child-process
// fuzz runner's view into the process. Without descriptor 3 (run by hand) it is just sqs-sim.
import { writeSync } from "node:fs";
import { prototypeChanges, prototypeSnapshot } from "./prototypes.js";

const before = prototypeSnapshot();
process.on("exit", () => {
  try {
    writeSync(3, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, prototypeChanges: prototypeChanges(before) }));
  } catch {
    // no descriptor 3: nobody is measuring
  }
});
await import("../../src/cli/main.js");
