import { type LogHistogram } from "../metrics/log-histogram.js";
import { MessageState, type MessageStore } from "../sqs/message-store.js";

/** The run's latency histograms: produced → accepted, send → first receive, produced → deleted. */
export interface RunLatency {
  sendDelay: LogHistogram;
  queueWait: LogHistogram;
  endToEnd: LogHistogram;
}

/** Something that holds messages produced but not yet sent (a producer's batch or its throttled backlog). */
export interface UnsentHolder {
  forEachUnsent(nowUs: number, visit: (ageS: number) => void): void;
}

/**
 * At the end of a run, counts the messages whose wait had not ended, at their age then (right-censored): a message
 * still in a producer has not been sent (send delay and end-to-end); one in the queue never received has not ended its
 * queue wait; any still in the queue (visible, delayed or in flight) has not ended end to end. Leaving them out would
 * report a never-draining run's latency from the few lucky messages that got through. Dead-lettered and expired
 * messages ended otherwise and are counted apart (messages.deadLettered, messages.expired).
 */
export function censorRemaining(store: MessageStore, holders: readonly UnsentHolder[], endUs: number, latency: RunLatency): void {
  const { state, receiveCount, sentUs } = store;
  // Slots past the live ones are Free (zero); a scan of the whole store is as long as its longest backlog.
  for (let slot = 0; slot < state.length; slot++) {
    const s = state[slot];
    if (s !== MessageState.Visible && s !== MessageState.Delayed && s !== MessageState.InFlight) continue;
    if (receiveCount[slot] === 0) latency.queueWait.recordCensored((endUs - sentUs[slot]!) / 1e6);
    latency.endToEnd.recordCensored(store.ageS(slot, endUs));
  }
  for (const holder of holders) {
    holder.forEachUnsent(endUs, (ageS) => {
      latency.sendDelay.recordCensored(ageS);
      latency.endToEnd.recordCensored(ageS);
    });
  }
}
