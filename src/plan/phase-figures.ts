// The figures of one traffic-phase column: offered load, utilisation at min and max fleet, the smallest stable
// fleet, and for fixed fleets the M/M/c (Erlang C) waiting figures at the phase's mean rate.
import { type RunSummary } from "../sim/result.js";
import { allenCunneenFactor, mmc } from "./erlang.js";
import { type Figure, type PhaseColumn } from "./explanation.js";
import { figure, worked, type Worked } from "./figure.js";
import { formatDuration } from "../engine/units.js";
import { num } from "./format.js";
import { type PlanInputs } from "./plan-inputs.js";
import { phaseSpan, type TrafficPhase } from "./traffic-phases.js";

/** ⌊a ÷ k⌋ + 1: the fewest instances whose k·N workers exceed the offered load a (ρ < 1); 0 without load. */
export function smallestStableFleet(offeredLoad: number, k: number): number {
  if (offeredLoad <= 0) return 0;
  return Math.floor(offeredLoad / k) + 1;
}

function utilisationFigures(inputs: PlanInputs, load: number, peakLoad: number, simulated: number | undefined): Figure[] {
  const { k, minInstances: min, maxInstances: max } = inputs;
  const at = (n: number, a: number): number => a / (n * k);
  if (inputs.fleetKind === "fixed" || min === max) {
    const name = inputs.fleetKind === "fixed" ? `${min} instances` : `min = max = ${min}`;
    return [
      figure(
        "utilisation.mean",
        `utilisation at mean rate (${name})`,
        at(min, load),
        "fraction",
        worked("a ÷ (N·k)", `${num(load)} ÷ (${min}·${k})`),
        simulated === undefined ? {} : { simulated },
      ),
      figure("utilisation.peak", `utilisation at peak rate (${name})`, at(min, peakLoad), "fraction", worked("â ÷ (N·k)", `${num(peakLoad)} ÷ (${min}·${k})`)),
    ];
  }
  return [
    figure(
      "utilisation.mean.min",
      `utilisation at mean rate, min fleet (${min})`,
      at(min, load),
      "fraction",
      worked("a ÷ (min·k)", `${num(load)} ÷ (${min}·${k})`),
    ),
    figure(
      "utilisation.peak.min",
      `utilisation at peak rate, min fleet (${min})`,
      at(min, peakLoad),
      "fraction",
      worked("â ÷ (min·k)", `${num(peakLoad)} ÷ (${min}·${k})`),
    ),
    figure(
      "utilisation.mean.max",
      `utilisation at mean rate, max fleet (${max})`,
      at(max, load),
      "fraction",
      worked("a ÷ (max·k)", `${num(load)} ÷ (${max}·${k})`),
    ),
    figure(
      "utilisation.peak.max",
      `utilisation at peak rate, max fleet (${max})`,
      at(max, peakLoad),
      "fraction",
      worked("â ÷ (max·k)", `${num(peakLoad)} ÷ (${max}·${k})`),
    ),
  ];
}

/** The M/M/c figures of one phase, as numbers. */
export interface Waiting {
  stable: boolean;
  /** The whole run's figures weighted over its phases: no single set of numbers to put into the formula. */
  weighted: boolean;
  rho: number;
  servers: number;
  pWait: number;
  meanWait: number;
  pOverSlo: number;
  inQueue: number;
  /** Messages the backlog grows by over the phase when unstable (fluid: (λ̄ − cμ) × length); 0 when stable. */
  growth: number;
  drain: number;
}

/** Erlang C at the phase's mean rate, c = N·k servers, μ = 1/W (fixed fleets). */
export function waiting(inputs: PlanInputs, phase: TrafficPhase): Waiting {
  const c = inputs.minInstances * inputs.k;
  const lambda = phase.meanRate;
  const mu = 1 / inputs.work;
  const q = mmc(c, lambda, mu);
  const slo = inputs.scenario.slo?.maxQueueWait;
  const drain = c * mu - lambda;
  if (!q.stable) {
    return {
      stable: false,
      weighted: false,
      rho: q.rho,
      servers: c,
      pWait: NaN,
      meanWait: NaN,
      pOverSlo: NaN,
      inQueue: NaN,
      drain,
      growth: -drain * (phase.endSeconds - phase.startSeconds),
    };
  }
  return {
    stable: true,
    weighted: false,
    rho: q.rho,
    servers: c,
    pWait: q.pWait,
    meanWait: q.meanWait,
    pOverSlo: slo === undefined ? NaN : q.pWaitOver(slo),
    // A failed attempt leaves the message invisible for the rest of its visibility timeout: f·VT more in the queue.
    inQueue: lambda * (q.meanWait + inputs.work + inputs.failedAttempts * inputs.scenario.queue.visibilityTimeout),
    growth: 0,
    drain,
  };
}

function simulatedOf(sim: RunSummary | undefined, pick: (s: RunSummary) => number | undefined): { simulated?: number } {
  const value = sim === undefined ? undefined : pick(sim);
  return value === undefined ? {} : { simulated: value };
}

/** The waiting figures of one phase (`phase` given), or of the whole run weighted over its phases. */
function waitingFigures(inputs: PlanInputs, w: Waiting, phase: TrafficPhase, sim: RunSummary | undefined, unstableWhere: string | null): Figure[] {
  const slo = inputs.scenario.slo?.maxQueueWait;
  const ac = allenCunneenFactor(inputs.arrivalScv, inputs.serviceScv);
  const lambda = phase.meanRate;
  const note = unstableWhere !== null ? { note: unstableWhere } : {};
  const c = w.servers;
  const formula = (symbols: string, numbers: string): string | Worked => (w.stable && !w.weighted ? worked(symbols, numbers) : symbols);
  const figures = [
    figure(
      "erlang.pWait",
      "P(wait), Erlang C",
      w.pWait,
      "fraction",
      formula("C(c, a) by the Erlang B recursion", `c = ${c}, a = ${num(lambda * inputs.work)}`),
      note,
    ),
    figure(
      "erlang.meanWait",
      "mean queue wait Wq (M/M/c)",
      w.meanWait,
      "s",
      formula("C ÷ (cμ − λ̄)", `${num(w.pWait)} ÷ (${num(w.drain + lambda)} − ${num(lambda)})`),
      { ...note, ...simulatedOf(sim, (s) => s.latency.queueWait.mean) },
    ),
  ];
  if (ac !== 1) {
    figures.push(
      figure(
        "erlang.meanWaitAdjusted",
        "mean queue wait, Allen–Cunneen",
        w.meanWait * ac,
        "s",
        formula("Wq × (Ca² + Cs²) ÷ 2", `${formatDuration(w.meanWait, "significant")} × (${num(inputs.arrivalScv)} + ${num(inputs.serviceScv)}) ÷ 2`),
        note,
      ),
    );
  }
  if (slo !== undefined) {
    figures.push(
      figure(
        "erlang.pOverSlo",
        `P(wait > ${formatDuration(slo, "significant")}), slo.maxQueueWait`,
        w.pOverSlo,
        "fraction",
        formula("C · e^(−(cμ − λ̄)·L)", `${num(w.pWait)} · e^(−${num(w.drain)} × ${num(slo)})`),
        { ...note, ...simulatedOf(sim, (s) => s.slo?.fractionOverMaxQueueWait) },
      ),
    );
  }
  figures.push(
    figure("erlang.inQueue", "mean messages in queue L", w.inQueue, "messages", "λ̄ (Wq + W + f·VT), Little's law; f failed attempts per message", {
      ...note,
      ...simulatedOf(sim, (s) => s.meanMessagesInQueue),
    }),
  );
  if (!w.stable && unstableWhere !== null && w.growth > 0) {
    figures.push(
      figure(
        "backlog.growth",
        "backlog growth over the phase (fluid)",
        w.growth,
        "messages",
        worked("(λ̄ − cμ) × length", `(${num(lambda)} − ${num(w.drain + lambda)}) × ${formatDuration(phase.endSeconds - phase.startSeconds, "significant")}`),
      ),
    );
  }
  return figures;
}

/**
 * The whole run's waiting figures: with phases, each phase's weighted by its arrivals (messages in queue by its
 * length), since a steady state at the run's mean rate would hide a spike; unstable if any phase is.
 */
function wholeRunWaiting(inputs: PlanInputs): { w: Waiting; unstableWhere: string | null } {
  if (inputs.phases.length === 0) {
    const w = waiting(inputs, inputs.whole);
    return { w, unstableWhere: w.stable ? null : `unstable: ρ = ${num(w.rho)} ≥ 1` };
  }
  const parts = inputs.phases.map((p) => ({ p, w: waiting(inputs, p) }));
  const unstable = parts.filter(({ w }) => !w.stable);
  const arrivals = inputs.whole.arrivals;
  const length = inputs.whole.endSeconds - inputs.whole.startSeconds;
  const byArrivals = (pick: (w: Waiting) => number): number => (arrivals > 0 ? parts.reduce((sum, { p, w }) => sum + p.arrivals * pick(w), 0) / arrivals : 0);
  const whole = waiting(inputs, inputs.whole);
  const w: Waiting = {
    stable: unstable.length === 0,
    weighted: true,
    rho: whole.rho,
    servers: whole.servers,
    pWait: unstable.length > 0 ? NaN : byArrivals((x) => x.pWait),
    meanWait: unstable.length > 0 ? NaN : byArrivals((x) => x.meanWait),
    pOverSlo: unstable.length > 0 ? NaN : byArrivals((x) => x.pOverSlo),
    inQueue: unstable.length > 0 ? NaN : parts.reduce((sum, { p, w }) => sum + (p.endSeconds - p.startSeconds) * w.inQueue, 0) / length,
    growth: 0,
    drain: whole.drain,
  };
  const where = unstable.map(({ p }) => phaseSpan(p)).join(", ");
  return { w, unstableWhere: unstable.length > 0 ? `unstable during ${where}` : null };
}

/**
 * One column. `sim` is given for the whole-run column only: its values are over the whole run.
 */
export function phaseColumn(inputs: PlanInputs, phase: TrafficPhase, id: string, sim: RunSummary | undefined): PhaseColumn {
  const w = inputs.work;
  const load = phase.meanRate * w;
  const peakLoad = phase.peakRate * w;
  const simulatedRate = sim === undefined ? undefined : sim.messages.produced / sim.durationSeconds;
  const figures: Figure[] = [
    figure(
      "rate.mean",
      "arrival rate, mean λ̄",
      phase.meanRate,
      "msg/s",
      "∫λ(t)dt ÷ length (producers' traffic summed)",
      simulatedRate === undefined ? {} : { simulated: simulatedRate },
    ),
    figure("rate.peak", "arrival rate, peak λ̂", phase.peakRate, "msg/s", "max λ(t) over the phase"),
    figure("load.mean", "offered load a", load, "workers", worked("λ̄ × W", `${num(phase.meanRate)} × ${formatDuration(w, "significant")}`)),
    figure("load.peak", "offered load at peak â", peakLoad, "workers", worked("λ̂ × W", `${num(phase.peakRate)} × ${formatDuration(w, "significant")}`)),
    ...utilisationFigures(inputs, load, peakLoad, inputs.fleetKind === "fixed" ? sim?.consumers.utilization : undefined),
    figure(
      "stableFleet.mean",
      "smallest stable fleet at mean rate",
      smallestStableFleet(load, inputs.k),
      "instances",
      worked("⌊a ÷ k⌋ + 1", `⌊${num(load)} ÷ ${inputs.k}⌋ + 1`),
    ),
    figure(
      "stableFleet.peak",
      "smallest stable fleet at peak rate",
      smallestStableFleet(peakLoad, inputs.k),
      "instances",
      worked("⌊â ÷ k⌋ + 1", `⌊${num(peakLoad)} ÷ ${inputs.k}⌋ + 1`),
    ),
  ];
  const whole = id === "whole";
  if (inputs.fleetKind === "fixed") {
    if (whole) {
      const { w, unstableWhere } = wholeRunWaiting(inputs);
      figures.push(...waitingFigures(inputs, w, phase, sim, unstableWhere));
    } else {
      const w = waiting(inputs, phase);
      figures.push(...waitingFigures(inputs, w, phase, sim, w.stable ? null : `unstable: ρ = ${num(w.rho)} ≥ 1`));
    }
  }
  return {
    id,
    title: whole ? "whole run" : phaseSpan(phase),
    cause: phase.cause,
    startSeconds: phase.startSeconds,
    endSeconds: phase.endSeconds,
    figures,
  };
}
