import { type EventQueue } from "../engine/event-queue.js";
import { Phase } from "../engine/phases.js";

/**
 * A queue's single pending timer in the global event heap (DESIGN: the engine keeps per-entity order in the entity).
 * Arming earlier than the pending event pushes a new event with a new generation; the superseded event still fires
 * but is recognised by its stale generation and ignored. So at most one live timer event exists per queue.
 */
export class QueueTimer {
  private armedUs = Infinity;
  private generation = 0;

  constructor(
    private readonly events: EventQueue,
    private readonly kind: number,
    private readonly target: number,
  ) {}

  /** Makes sure the timer fires no later than timeUs (never before nowUs). Infinity means nothing is due. */
  armIfEarlier(timeUs: number, nowUs: number): void {
    if (timeUs === Infinity || timeUs >= this.armedUs) return;
    this.armedUs = timeUs;
    this.generation++;
    this.events.push(timeUs > nowUs ? timeUs : nowUs, Phase.QueueTimers, this.kind, this.target, this.generation);
  }

  /** Whether a fired event is the latest one armed; if so the timer is disarmed, for the owner to arm it again. */
  claim(generation: number): boolean {
    if (generation !== this.generation) return false;
    this.armedUs = Infinity;
    return true;
  }
}
