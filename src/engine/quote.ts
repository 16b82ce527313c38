// Echoing a user's text in a message. Pure; no project imports.
// A message quotes what was written so the user can find it, but a scenario value, a --set flag or a CSV field can
// be megabytes long: past a few dozen characters the quote is cut and says how long the text was, so one bad value
// cannot flood the terminal (or a CI log) with its whole content.

/** Characters of a user's text a message shows before cutting it. */
export const QUOTE_LIMIT = 60;

/**
 * The same for a whole command-line flag (`--set consumers.processing={ lognormal: { median: 200ms, p99: 1s } }`):
 * typed by the user and often longer than one value, it is shown whole up to this length.
 */
export const FLAG_LIMIT = 200;

/** `"30 sec"`; a longer text is cut: `"aaaa…" (20,971,520 characters)`. Control characters are escaped (JSON). */
export function quote(text: string, limit = QUOTE_LIMIT): string {
  if (text.length <= limit) return JSON.stringify(text);
  return `${JSON.stringify(head(text, limit)).slice(0, -1)}…" (${characters(text.length)})`;
}

/** As typed, without quotes (`--set queue.delay=5s`); cut like `quote`, control characters escaped. */
export function clip(text: string, limit = QUOTE_LIMIT): string {
  const shown = text.length <= limit ? text : `${head(text, limit)}… (${characters(text.length)})`;
  // A newline inside would split one problem over two lines of output.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this escapes
  return shown.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
}

// The first `limit` characters, without splitting a surrogate pair (half an emoji would print as garbage).
function head(text: string, limit: number): string {
  const code = text.charCodeAt(limit - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit);
}

// Locale-independent grouping, so messages are the same on every machine.
function characters(n: number): string {
  return `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",")} characters`;
}
