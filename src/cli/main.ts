#!/usr/bin/env node
import { processIo } from "./io.js";
import { runCli } from "./program.js";

// A reader that stops reading (`sqs-sim schema | head`) closes the pipe: what is left to print has nowhere to go, and
// that is not a failure of the command, so the write error is not thrown as a crash.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
});

// The only place that touches argv and the process exit code.
process.exitCode = await runCli(process.argv.slice(2), processIo());
