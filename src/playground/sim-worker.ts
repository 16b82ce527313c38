// The playground's Web Worker (issue 17): bundled for the browser at build time (scripts/build-playground.ts) and
// started by the page from its inlined text; every message is a SessionRequest, every reply a SessionReply.
import { type SessionRequest, SimSession } from "./sim-session.js";

/** The worker's global scope, as much of it as this uses (the project compiles without the DOM's types). */
declare const self: { onmessage: ((event: { data: SessionRequest }) => void) | null; postMessage(message: unknown): void };

const session = new SimSession();
self.onmessage = (event) => self.postMessage(session.handle(event.data));
