/**
 * Kafka topics: one per owning service, so a consumer subscribes to an owner's whole history, and the aggregate id as
 * the key keeps each aggregate's events in one partition, in order. Names are defaults: each service reads them from
 * its configuration (KAFKA_TOPIC_CASE_EVENTS, …), so tests and deployments can use their own.
 */
export const EVENT_OWNERS = ['case', 'party', 'agency'] as const;
export type EventOwner = (typeof EVENT_OWNERS)[number];

/** Default topic of each owner's events. */
export const DEFAULT_EVENT_TOPICS: Readonly<Record<EventOwner, string>> = {
  case: 'case.events',
  party: 'party.events',
  agency: 'agency.events',
};

/** The CloudEvents `source` of each owner: the service that writes its outbox. */
export const EVENT_SOURCES: Readonly<Record<EventOwner, string>> = {
  case: '/gongzhi/case-service',
  party: '/gongzhi/party-service',
  agency: '/gongzhi/agency-service',
};

/** Kafka headers a consumer adds to a message it moves to a dead-letter topic. */
export const DEAD_LETTER_HEADERS = {
  /** Why: `invalid-envelope`, `invalid-payload`, `unsupported-schema-version` or `handler-failed`. */
  reason: 'dlq-reason',
  /** The error message (validation issues or the handler's message; never the message body). */
  error: 'dlq-error',
  consumer: 'dlq-consumer',
  topic: 'dlq-original-topic',
  partition: 'dlq-original-partition',
  offset: 'dlq-original-offset',
  at: 'dlq-at',
} as const;
