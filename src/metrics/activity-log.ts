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

/** Thrown when the log is full (limits.maxActivities): the run is stopped rather than fill the memory. */
export class ActivityLogFullError extends Error {
  constructor(readonly capacity: number) {
    super(`the activity log holds ${capacity} entries, the most this run allows`);
    this.name = "ActivityLogFullError";
  }
}

/** The run's activities in the order they happened, at most `capacity` of them. */
export class ActivityLog {
  constructor(
    private readonly capacity = Number.POSITIVE_INFINITY,
    /** Put before every source (see under). */
    private readonly prefix = "",
    readonly entries: Activity[] = [],
  ) {}

  add(nowUs: number, kind: Activity["kind"], source: string, before: string | number, after: string | number, reason: string): void {
    if (this.entries.length >= this.capacity) throw new ActivityLogFullError(this.capacity);
    this.entries.push({ timeS: nowUs / 1e6, kind, source: this.prefix + source, before: String(before), after: String(after), reason });
  }

  /** The same log, its sources named under `scope` (`billing-workers/TargetTracking-1-AlarmHigh`): one pool's of several. */
  under(scope: string): ActivityLog {
    return new ActivityLog(this.capacity, `${this.prefix}${scope}/`, this.entries);
  }
}
