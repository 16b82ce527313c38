/** What a worker sends back for one task. */
export type TaskAnswer =
  | { id: number; ok: true; values: (number | null)[] }
  | { id: number; ok: false; message: string };
