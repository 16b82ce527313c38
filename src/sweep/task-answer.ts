/** What a worker sends back for one task. */
export type TaskAnswer =
  | { id: number; ok: true; values: (number | null)[] }
  /** `refused`: the scenario was refused (a limit reached during the run), which is bad input, not a failure. */
  | { id: number; ok: false; message: string; refused: boolean };
