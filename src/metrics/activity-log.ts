/** One scaling activity or alarm transition, for activities.csv and the report. Times in seconds from the start. */
export interface Activity {
  timeS: number;
  kind: "scaling" | "alarm";
  /** The policy, alarm or scheduled action that caused it. */
  source: string;
  /** Desired capacity before and after (scaling), or the alarm states (alarm). */
  before: string;
  after: string;
  /** In words: `AlarmHigh: backlogPerInstance 152.0 > 100 for 3 of 3 datapoints`. */
  reason: string;
}

/** The run's activities in the order they happened. */
export class ActivityLog {
  readonly entries: Activity[] = [];

  add(nowUs: number, kind: Activity["kind"], source: string, before: string | number, after: string | number, reason: string): void {
    this.entries.push({ timeS: nowUs / 1e6, kind, source, before: String(before), after: String(after), reason });
  }
}
