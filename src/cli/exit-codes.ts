/** The CLI's exit codes: 0 ok, 2 bad input or usage, 1 anything else. */
export const ExitCode = {
  Ok: 0,
  Failure: 1,
  BadInput: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
