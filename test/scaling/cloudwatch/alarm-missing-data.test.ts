import { describe, expect, it } from "vitest";
import { alarmOn, feed, MIN, stateForWindow, storeWith } from "./helpers.js";
import { type AlarmConfig, type TreatMissingData } from "../../../src/scaling/cloudwatch/index.js";

// Windows are written oldest first: X breaching, 0 not breaching, - missing (aws-behaviour 7.2).
const threeOfThree = (treatMissingData: TreatMissingData): Partial<AlarmConfig> => ({ treatMissingData });

describe("treatMissingData with a missing datapoint in a 3 of 3 window (aws-behaviour 7.2)", () => {
  it("breaching: a missing datapoint counts as breaching", () => {
    expect(stateForWindow("X X -", threeOfThree("breaching"))).toBe("ALARM");
    expect(stateForWindow("0 X -", threeOfThree("breaching"), "ALARM")).toBe("OK");
    expect(stateForWindow("- - -", threeOfThree("breaching"))).toBe("ALARM");
  });

  it("notBreaching: a missing datapoint counts as not breaching", () => {
    expect(stateForWindow("X X -", threeOfThree("notBreaching"), "ALARM")).toBe("OK");
    expect(stateForWindow("- - -", threeOfThree("notBreaching"), "ALARM")).toBe("OK");
    expect(stateForWindow("X - X", { treatMissingData: "notBreaching", datapointsToAlarm: 2 })).toBe("ALARM");
  });

  it("missing: present datapoints decide when they can; only breaching ones among missing give INSUFFICIENT_DATA", () => {
    expect(stateForWindow("0 X -", threeOfThree("missing"), "ALARM")).toBe("OK");
    expect(stateForWindow("X X -", threeOfThree("missing"), "ALARM")).toBe("INSUFFICIENT_DATA");
    expect(stateForWindow("- - -", threeOfThree("missing"), "ALARM")).toBe("INSUFFICIENT_DATA");
    expect(stateForWindow("X - X", { treatMissingData: "missing", datapointsToAlarm: 2 })).toBe("ALARM");
  });

  it("ignore: keeps the current state when the present datapoints cannot decide", () => {
    expect(stateForWindow("X X -", threeOfThree("ignore"), "ALARM")).toBe("ALARM");
    expect(stateForWindow("X X -", threeOfThree("ignore"), "OK")).toBe("OK");
    expect(stateForWindow("- - -", threeOfThree("ignore"), "ALARM")).toBe("ALARM");
    expect(stateForWindow("- - -", threeOfThree("ignore"), "OK")).toBe("OK");
    expect(stateForWindow("0 X -", threeOfThree("ignore"), "ALARM")).toBe("OK");
  });

  it("ignore keeps INSUFFICIENT_DATA when no datapoint has ever arrived", () => {
    const store = storeWith();
    const alarm = alarmOn(store, { treatMissingData: "ignore" });
    expect(alarm.evaluate(10 * MIN).state).toBe("INSUFFICIENT_DATA");
    expect(alarm.transitions).toEqual([]);
  });

  it("missing: all N periods missing moves ALARM to INSUFFICIENT_DATA, and data returning moves it on", () => {
    const store = storeWith({ publishDelayUs: 0 });
    feed(store, "m", [150, 150, 150, null, null, null, 50]);
    const alarm = alarmOn(store);
    expect(alarm.evaluate(3 * MIN).state).toBe("ALARM");
    expect(alarm.evaluate(6 * MIN).state).toBe("INSUFFICIENT_DATA");
    expect(alarm.evaluate(7 * MIN).state).toBe("OK");
  });
});

/**
 * CloudWatch's own examples ("How alarm state is evaluated when data is missing"): it searches the 5 newest
 * periods for real datapoints, so these use evaluationRange 5. "retain" = keep the current state.
 */
describe("CloudWatch's documented missing-data tables with a 5-period evaluation range", () => {
  const modes: TreatMissingData[] = ["missing", "ignore", "breaching", "notBreaching"];
  const check = (m: number, window: string, expected: readonly string[]) => {
    modes.forEach((treatMissingData, i) => {
      const config = { treatMissingData, datapointsToAlarm: m, evaluationRange: 5 };
      const want = expected[i];
      if (want === "retain") {
        expect(stateForWindow(window, config, "OK"), `${window} ${treatMissingData} from OK`).toBe("OK");
        expect(stateForWindow(window, config, "ALARM"), `${window} ${treatMissingData} from ALARM`).toBe("ALARM");
      } else {
        expect(stateForWindow(window, config), `${window} ${treatMissingData}`).toBe(want);
      }
    });
  };

  it("3 of 3 follows the documented rows", () => {
    check(3, "0 - X - X", ["OK", "OK", "OK", "OK"]);
    check(3, "0 - - - -", ["OK", "OK", "OK", "OK"]);
    check(3, "- - - - -", ["INSUFFICIENT_DATA", "retain", "ALARM", "OK"]);
    check(3, "0 X X - X", ["ALARM", "ALARM", "ALARM", "ALARM"]);
    check(3, "- - - - X", ["INSUFFICIENT_DATA", "retain", "ALARM", "OK"]);
  });

  it("3 of 3 with X - - - - under missing gives INSUFFICIENT_DATA (the docs say ALARM, contradicting their - - - - X row)", () => {
    check(3, "X - - - -", ["INSUFFICIENT_DATA", "retain", "ALARM", "OK"]);
  });

  it("2 of 3 follows every documented row", () => {
    check(2, "0 - X - X", ["ALARM", "ALARM", "ALARM", "ALARM"]);
    check(2, "0 0 X 0 X", ["ALARM", "ALARM", "ALARM", "ALARM"]);
    check(2, "0 - X - -", ["OK", "OK", "ALARM", "OK"]);
    check(2, "- - - - 0", ["OK", "OK", "ALARM", "OK"]);
    check(2, "- - - - X", ["INSUFFICIENT_DATA", "retain", "ALARM", "OK"]);
  });
});
