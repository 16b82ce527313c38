#!/usr/bin/env node
import { processIo } from "./io.js";
import { runCli } from "./program.js";

// The only place that touches argv and the process exit code.
process.exitCode = await runCli(process.argv.slice(2), processIo());
