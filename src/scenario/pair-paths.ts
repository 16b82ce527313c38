// The single-queue format's field paths, as an architecture names the same field of one queue–pool pair
// (`queue.visibilityTimeout` → `queues.billing.visibilityTimeout`, `fleet.max` → `consumers.billing-workers.fleet.max`):
// what explain and preflight say of a pair, described as a single-queue scenario, is named in the architecture's file.

// A path starts a word (not inside "capacity.fleet" or a file name) and goes on with a key.
const SINGLE_PATH = /(?<![\w.-])(queue|fleet|consumers)\.(?=[A-Za-z])/g;

/** `text` with each single-format path rewritten for the pair (queue, pool). */
export function pairPathText(text: string, queue: string, pool: string): string {
  return text.replace(SINGLE_PATH, (_, key: string) =>
    key === "queue" ? `queues.${queue}.` : key === "fleet" ? `consumers.${pool}.fleet.` : `consumers.${pool}.`,
  );
}
