import { type LogHistogram } from "./log-histogram.js";

/**
 * Records into a histogram, holding back a run of equal values and adding it in one step. An unbatched producer's
 * messages all wait the same half round trip before SQS accepts them: one comparison per message instead of a
 * histogram update keeps the send delay off the hot path. flush() before reading the histogram.
 */
export class RepeatRecorder {
  private value = 0;
  private repeats = 0;

  constructor(private readonly histogram: LogHistogram) {}

  record(valueS: number): void {
    if (valueS === this.value && this.repeats > 0) {
      this.repeats++;
      return;
    }
    this.flush();
    this.value = valueS;
    this.repeats = 1;
  }

  flush(): void {
    if (this.repeats > 0) this.histogram.recordRepeated(this.value, this.repeats);
    this.repeats = 0;
  }
}
