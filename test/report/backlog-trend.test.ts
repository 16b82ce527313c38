import { describe, expect, it } from "vitest";
import { emptySeries, appendRow } from "../../src/metrics/period-series.js";
import { growingBacklog } from "../../src/report/backlog-trend.js";

const COLUMNS = [
  "time_s",
  "ApproximateNumberOfMessagesVisible_msgs",
  "ApproximateNumberOfMessagesNotVisible_msgs",
  "ApproximateNumberOfMessagesDelayed_msgs",
  "NumberOfMessagesSent_msgs",
  "deleted_msgs",
  "unsent_msgs",
].map((name) => ({ name, unit: "", description: "" }));

/**
 * A 2-hour series of 60 s periods whose visible backlog at minute m is visible(m), with 600 messages sent a period and
 * 500 deleted (unless `deleted` says otherwise), and delayed(m) messages waiting out a delay.
 */
function series(
  visible: (minute: number) => number,
  unsent: (minute: number) => number = () => 0,
  delayed: (minute: number) => number = () => 0,
  deleted = 500,
) {
  const s = emptySeries(60, COLUMNS);
  for (let m = 1; m <= 120; m++) appendRow(s, [m * 60, visible(m), 0, delayed(m), 600, deleted, unsent(m)]);
  return s;
}

describe("growingBacklog", () => {
  it("finds a backlog that grows through the last hour, from its value an hour before the end", () => {
    expect(
      growingBacklog(
        series((m) => 100 * m),
        7200,
      ),
    ).toEqual({ fromMessages: 6000, toMessages: 12000, spanSeconds: 3600 });
  });

  it("counts messages waiting in producers as backlog", () => {
    expect(
      growingBacklog(
        series(
          () => 5,
          (m) => 50 * m,
        ),
        7200,
      )?.toMessages,
    ).toBe(6005);
  });

  it("ignores a backlog that rose and then drains, or one that wanders by a few messages", () => {
    expect(
      growingBacklog(
        series((m) => (m < 90 ? 100 * m : 9000 - 50 * (m - 90))),
        7200,
      ),
    ).toBeNull();
    expect(
      growingBacklog(
        series((m) => 20 + (m % 7)),
        7200,
      ),
    ).toBeNull();
    // Rising in every quarter, but by less than 1% of the 36,000 sent in the hour.
    expect(
      growingBacklog(
        series((m) => 3 * m),
        7200,
      ),
    ).toBeNull();
  });

  it("ignores messages waiting out a delay, and a rise while as many messages were deleted as sent (review of issue 12)", () => {
    // delay-queue for 4 minutes: the delayed messages pile up at the start while the consumers are idle.
    expect(
      growingBacklog(
        series(
          () => 0,
          () => 0,
          (m) => 100 * m,
        ),
        7200,
      ),
    ).toBeNull();
    expect(
      growingBacklog(
        series(
          (m) => 100 * m,
          () => 0,
          () => 0,
          600,
        ),
        7200,
      ),
    ).toBeNull();
  });

  it("looks at the second half of a run shorter than two hours", () => {
    const s = emptySeries(60, COLUMNS);
    for (let m = 1; m <= 30; m++) appendRow(s, [m * 60, 100 * m, 0, 0, 600, 500, 0]);
    expect(growingBacklog(s, 1800)).toEqual({ fromMessages: 1500, toMessages: 3000, spanSeconds: 900 });
  });
});
