// The scenario used when none is given: small enough to run in a moment, with a spike that outruns a fixed fleet.
export const DEFAULT_SCENARIO_SOURCE = "<default scenario>";

export const DEFAULT_SCENARIO_YAML = `# sqs-sim default scenario
name: default-spike
description: >-
  One hour of steady orders (20 msg/s) with a traffic spike at 20 minutes (peak +120 msg/s). A fixed fleet of
  6 single-worker instances keeps up with the steady load but not with the spike, so a backlog builds and then
  drains at the fleet's spare capacity.
duration: 1h
seed: 1
queue:
  type: standard
  visibilityTimeout: 30s
  deadLetter:
    maxReceiveCount: 5
producers:
  - name: orders
    traffic:
      - constant: 20
      - spike: { at: 20m, peak: 120, rise: 2m, hold: 5m, fall: 3m }
consumers:
  concurrency: 1
  waitTime: 20s
  processing: { exponential: { mean: 100ms } }
  failures: { transient: 0.01 }
fleet:
  kind: fixed
  instances: 6
`;
