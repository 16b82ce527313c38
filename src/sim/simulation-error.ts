/** A run that failed inside the model: says when (simulated time), in which phase, and in which component. */
export class SimulationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "SimulationError";
  }
}
