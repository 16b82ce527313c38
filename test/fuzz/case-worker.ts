// The worker thread of the in-process fuzz run: runs each command line it is sent through runCli and posts the
// outcome back. A thread of its own, so that a case that hangs or eats memory can be stopped (terminate() interrupts
// JavaScript; a synchronous runCli on the test's own thread could not be).
import { parentPort } from "node:worker_threads";
import { runCli } from "../../src/cli/program.js";
import { runDirect } from "./direct-runner.js";

parentPort?.on("message", (message: { argv: string[]; cwd: string }) => {
  void runDirect(runCli, message.argv, message.cwd).then((outcome) => parentPort?.postMessage(outcome));
});
