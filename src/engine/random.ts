import seedrandom from "seedrandom";

/** A source of uniform draws in [0, 1). */
export type Uniform = () => number;

/**
 * A named random stream derived from (root seed, stream name): each component draws from its own stream, so that
 * adding a consumer does not change the arrivals. Alea is one of seedrandom's fast generators (DESIGN: Randomness).
 */
export function randomStream(rootSeed: number, name: string): Uniform {
  return seedrandom.alea(`sqs-sim/${rootSeed}/${name}`) as Uniform;
}

/** Exp(1) draw: -ln(1 - u) keeps the argument in (0, 1]. */
export function standardExponential(uniform: Uniform): number {
  return -Math.log(1 - uniform());
}

/** Bernoulli trial with probability p; draws nothing when p is 0 or 1 so that disabled features cost no draws. */
export function chance(uniform: Uniform, p: number): boolean {
  if (p <= 0) return false;
  if (p >= 1) return true;
  return uniform() < p;
}
