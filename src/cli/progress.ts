// A progress bar on stderr for long runs: simulated time reached of the total, percent, and the time left.
// Short runs print nothing (the bar appears only after about a second), and nothing at all goes to a file or
// pipe: a redirected stderr keeps only real messages.
import { formatDuration } from "../engine/units.js";

export interface ProgressOptions {
  /** The scenario's duration, the simulated time at 100%. */
  totalSeconds: number;
  /** Only a terminal can redraw a line with \r. */
  isTTY: boolean;
  /** Wall-clock milliseconds (performance.now in real use, a fake clock in tests). */
  now: () => number;
  write: (text: string) => void;
}

/** Quiet for the first second: most runs end before anyone would look at a bar. */
export const SHOW_AFTER_MS = 1000;
/** Redraws at most ten times a second, so that drawing never costs the simulation noticeable time. */
export const REDRAW_EVERY_MS = 100;
const BAR_WIDTH = 30;

export class ProgressBar {
  private readonly startedMs: number;
  private lastDrawMs = Number.NEGATIVE_INFINITY;
  /** Length of the line on screen, to blank it out when done; 0 while nothing is drawn. */
  private drawnLength = 0;

  constructor(private readonly options: ProgressOptions) {
    this.startedMs = options.now();
  }

  /** The simulation reached `simulatedSeconds`; redraws the bar if it is due. */
  update(simulatedSeconds: number): void {
    if (!this.options.isTTY) return;
    const nowMs = this.options.now();
    const elapsedMs = nowMs - this.startedMs;
    if (elapsedMs < SHOW_AFTER_MS || nowMs - this.lastDrawMs < REDRAW_EVERY_MS) return;
    this.lastDrawMs = nowMs;
    const line = progressLine(simulatedSeconds, this.options.totalSeconds, elapsedMs);
    // Pad over the previous line's tail, which may be longer (the ETA shrinks).
    this.options.write(`\r${line.padEnd(this.drawnLength)}`);
    this.drawnLength = line.length;
  }

  /** Blanks the bar's line, so that what is printed next starts on a clean line. */
  finish(): void {
    if (this.drawnLength === 0) return;
    this.options.write(`\r${" ".repeat(this.drawnLength)}\r`);
    this.drawnLength = 0;
  }
}

/** `[######------------------------] 12.0 min / 1.0 h  20%  ETA 4 s` */
export function progressLine(simulatedSeconds: number, totalSeconds: number, elapsedMs: number): string {
  const fraction = totalSeconds > 0 ? Math.min(1, Math.max(0, simulatedSeconds / totalSeconds)) : 1;
  const filled = Math.round(fraction * BAR_WIDTH);
  const bar = `[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}]`;
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  return `${bar} ${formatDuration(simulatedSeconds, "rounded")} / ${formatDuration(totalSeconds, "rounded")} ${percent}  ETA ${etaText(fraction, elapsedMs)}`;
}

/** Time left if the rest of the run goes as fast as the part so far (simulated seconds per wall second). */
export function etaSeconds(fraction: number, elapsedMs: number): number | null {
  if (fraction <= 0) return null;
  return ((elapsedMs / 1000) * (1 - fraction)) / fraction;
}

function etaText(fraction: number, elapsedMs: number): string {
  const eta = etaSeconds(fraction, elapsedMs);
  return eta === null ? "…" : formatDuration(eta, "countdown");
}
