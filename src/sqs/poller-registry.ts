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

  /** Registers a poller of `listener`, which numbers it `localId`; returns the id to call the queue with. */
  add(listener: ReceiveListener, localId: number): number {
    const id = this.listeners.length;
    if (id === this.localIds.length) this.localIds = grown(this.localIds, id * 2);
    this.listeners.push(listener);
    this.localIds[id] = localId;
    return id;
  }

  get size(): number {
    return this.listeners.length;
  }

  setObserver(observer: DeliveryObserver | null): void {
    this.observer = observer;
  }

  received(pollerId: number, count: number, nowUs: number): void {
    if (this.observer !== null) this.observer.onDelivered(count);
    this.listeners[pollerId]!.onReceived(this.localIds[pollerId]!, count, nowUs);
  }

  empty(pollerId: number, nowUs: number): void {
    this.listeners[pollerId]!.onEmptyReceive(this.localIds[pollerId]!, nowUs);
  }
}
