/** A run that failed inside the model: says when (simulated time), in which phase, and in which component. */
export class SimulationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "SimulationError";
  }
}

/** A scenario the simulator refuses to run (it cannot fit in memory, say): bad input rather than a failure. */
export class ScenarioRefusedError extends SimulationError {
  constructor(message: string) {
    super(message);
    this.name = "ScenarioRefusedError";
  }
}
