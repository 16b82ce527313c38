// Bytes that scenario validation and preflight's memory estimate both count (see sim/memory-estimate.ts for the rest),
// measured as peak RSS over runs of several sizes; each at or above the largest measured.

/** Node, the modules, and drawing the report's charts. */
export const BASE_BYTES = 200e6;

/**
 * A row of a traffic trace: read (the file's text and the parser's arrays, 100-155 B a row measured at its peak), or
 * kept (the series, and the rate compiled from it by preflight and again by the run, 130-195 B a row measured over
 * runs of 1-6 million rows), whichever is larger.
 */
export const TRACE_ROW_BYTES = 200;
