import { grown } from "../engine/typed-arrays.js";
import { type DeliveryObserver, type ReceiveListener } from "./queue-api.js";

/**
 * The pollers of one queue and whom each reports to. Any number of consumers may read a queue (several pools of
 * one service, or a Lambda event source mapping beside an EC2 fleet): each registers its pollers with its own
 * listener and its own numbering, and the queue answers each call to the consumer that made it. Poller ids are the
 * queue's; a consumer's own number for the poller (its worker, its ESM poller) comes back in the callbacks.
 */
export class PollerRegistry {
  private listeners: ReceiveListener[] = [];
  private localIds = new Int32Array(16);
  private observer: DeliveryObserver | null = null;
  /**
   * The one listener, while there is exactly one, its local ids are the queue's, and nothing observes: the common
   * case (one consumer on the queue) answered as directly as before there could be several.
   */
  private direct: ReceiveListener | null = null;

  /** Registers a poller of `listener`, which numbers it `localId`; returns the id to call the queue with. */
  add(listener: ReceiveListener, localId: number): number {
    const id = this.listeners.length;
    if (id === this.localIds.length) this.localIds = grown(this.localIds, id * 2);
    this.listeners.push(listener);
    this.localIds[id] = localId;
    this.direct = this.isDirect() ? listener : null;
    return id;
  }

  /** Sets the one observer; a second would silently replace the first, so it is refused. */
  setObserver(observer: DeliveryObserver | null): void {
    if (observer !== null && this.observer !== null && observer !== this.observer) throw new Error("a queue has one delivery observer");
    this.observer = observer;
    this.direct = this.isDirect() ? this.listeners[0]! : null;
  }

  private isDirect(): boolean {
    if (this.observer !== null || this.listeners.length === 0) return false;
    const first = this.listeners[0];
    for (let id = 0; id < this.listeners.length; id++) if (this.listeners[id] !== first || this.localIds[id] !== id) return false;
    return true;
  }

  received(pollerId: number, count: number, nowUs: number): void {
    const direct = this.direct;
    if (direct !== null) {
      direct.onReceived(pollerId, count, nowUs);
      return;
    }
    if (this.observer !== null) this.observer.onDelivered(count);
    this.listeners[pollerId]!.onReceived(this.localIds[pollerId]!, count, nowUs);
  }

  empty(pollerId: number, nowUs: number): void {
    const direct = this.direct;
    if (direct !== null) direct.onEmptyReceive(pollerId, nowUs);
    else this.listeners[pollerId]!.onEmptyReceive(this.localIds[pollerId]!, nowUs);
  }

  /** A poller as a reader names it: its consumer's name and its own number there ("consumers#3"). */
  label(pollerId: number): string {
    const listener = this.listeners[pollerId] as { name?: unknown; pollerName?: (localId: number) => string } | undefined;
    const localId = this.localIds[pollerId]!;
    // A consumer that numbers its workers names them itself (a slot is reused by a later worker; a name is not).
    if (typeof listener?.pollerName === "function") return listener.pollerName(localId);
    return `${typeof listener?.name === "string" ? listener.name : "consumer"}#${localId}`;
  }
}
