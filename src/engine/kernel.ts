import { EventQueue } from "./event-queue.js";

/** Handles one event of its kind: the entity it targets (an index the component chose), its argument, the time. */
export type EventHandler = (target: number, arg: number, nowUs: number) => void;

/**
 * Kinds are stored in 16 bits per event. Each queue registers 1 kind, each pool 3 and its fleet 2 (+3 with a
 * scaler): room for thousands of resources.
 */
const MAX_KINDS = 65_536;

/**
 * The simulation kernel, as SimPy's Environment is to its processes: the clock, the event set and a registry of event
 * kinds, each with the handler of the component that owns it. A component registers its kinds when it is built and
 * schedules them (through the kernel, or the event queue's fast paths on its hot path); the run loop dispatches by a
 * small integer table, so that a new component never edits a central switch.
 *
 * Time is in whole microseconds. Scheduling in the past (before the event being handled), at NaN or at infinity is a
 * defect of the component that asks, and throws (EventQueue checks it on every path, push and pushLane).
 */
export class Kernel {
  readonly events: EventQueue;
  private readonly handlers: EventHandler[] = [];
  private readonly names: string[] = [];
  /** The time of the event being handled, or of the last one handled. */
  nowUs = 0;
  /** Events handled so far. */
  handled = 0;

  constructor(events: EventQueue = new EventQueue()) {
    this.events = events;
    // A bad time is refused where it is scheduled: the error names the kind by what it is.
    events.describeKind = (kind) => `${this.kindName(kind)} (kind ${kind})`;
  }

  /** Registers an event kind and returns its number; `name` says what it is in errors ("worker delete"). */
  register(name: string, handler: EventHandler): number {
    if (this.handlers.length >= MAX_KINDS) throw new RangeError(`at most ${MAX_KINDS} event kinds (registering "${name}")`);
    this.handlers.push(handler);
    this.names.push(name);
    return this.handlers.length - 1;
  }

  /** The name a kind was registered under. */
  kindName(kind: number): string {
    return this.names[kind] ?? `event kind ${kind}`;
  }

  /** Schedules an event of `kind` at timeUs (not before now), in `phase` of that instant, for entity `target`. */
  schedule(timeUs: number, phase: number, kind: number, target: number, arg = 0): void {
    if (kind < 0 || kind >= this.handlers.length || !Number.isInteger(kind)) {
      throw new RangeError(`schedule: event kind ${kind} is not registered (${this.handlers.length} are)`);
    }
    this.events.push(timeUs, phase, kind, target, arg);
  }

  /** Handles the earliest pending event; false when none is pending. */
  step(): boolean {
    const events = this.events;
    if (!events.pop()) return false;
    this.nowUs = events.timeUs;
    this.handled++;
    this.dispatch(events.kind, events.target, events.arg, events.timeUs);
    return true;
  }

  /**
   * Handles every event at or before endUs, in (time, phase, sequence) order, and stops with the clock at endUs; an
   * event after endUs stays pending. At most `maxHandled` events are handled in all (a run's limit): returns false,
   * with the next event still pending and the clock at it, when that stopped the run first; true otherwise.
   */
  runUntil(endUs: number, maxHandled = Infinity): boolean {
    const events = this.events;
    const handlers = this.handlers;
    // The count lives in a local on the hot loop and is written back however the loop ends (a handler may throw).
    let handled = this.handled;
    let reachedEnd = true;
    try {
      while (events.pop()) {
        const now = events.timeUs;
        if (now > endUs) {
          events.repush(endUs);
          break;
        }
        if (handled >= maxHandled) {
          events.repush(now);
          reachedEnd = false;
          break;
        }
        handled++;
        const handler = handlers[events.kind];
        if (handler === undefined) throw new RangeError(`no handler for event kind ${events.kind}`);
        handler(events.target, events.arg, now);
      }
    } finally {
      this.handled = handled;
      this.nowUs = events.timeUs;
    }
    if (reachedEnd && endUs > this.nowUs) this.nowUs = endUs;
    return reachedEnd;
  }

  private dispatch(kind: number, target: number, arg: number, nowUs: number): void {
    const handler = this.handlers[kind];
    if (handler === undefined) throw new RangeError(`no handler for event kind ${kind}`);
    handler(target, arg, nowUs);
  }
}
