/** One event's messages for one destination: what the outbox stores, one row per payload (part). */
export interface PlannedDelivery {
  eventId: string;
  destination: string;
  /** One request body per message, in order; Slack bodies get `thread_ts` of the first when sent. */
  payloads: Record<string, unknown>[];
}
