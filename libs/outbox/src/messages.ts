/**
 * Building events: a service names the type, the aggregate and the payload; the factory checks the payload against the
 * contracts and wraps it in its CloudEvents envelope, ready to be written to the outbox in the caller's transaction.
 */
import { randomUUID } from 'node:crypto';
import {
  CLOUDEVENTS_SPEC_VERSION,
  DOMAIN_EVENT_CATALOG,
  type DomainEvent,
  EVENT_DATA_CONTENT_TYPE,
  EVENT_SOURCES,
  type EventData,
  type EventOwner,
  type EventTypeOf,
} from '@gongzhi/contracts';

/** One event on its way out: where it goes, its key, and the envelope that becomes the message value. */
export interface OutboxMessage {
  /** The event id (also the outbox row's id): consumers dedupe on it. */
  id: string;
  topic: string;
  /** The aggregate id: the Kafka key, so one aggregate's events stay in one partition, in order. */
  key: string;
  event: DomainEvent;
}

export interface EventFactory<O extends EventOwner> {
  /** An event of this owner about one aggregate; the payload is validated now, so a bad event never gets stored. */
  build<T extends EventTypeOf<O>>(type: T, aggregateId: string, data: EventData<T>, at?: Date): OutboxMessage;
}

export interface EventFactoryOptions<O extends EventOwner> {
  owner: O;
  /** The owner's topic, from the service's configuration. */
  topic: string;
  newId?: () => string;
  now?: () => Date;
}

export function createEventFactory<O extends EventOwner>(options: EventFactoryOptions<O>): EventFactory<O> {
  const newId = options.newId ?? randomUUID;
  const now = options.now ?? (() => new Date());
  return {
    build(type, aggregateId, data, at) {
      const entry = DOMAIN_EVENT_CATALOG[type];
      if (entry.owner !== options.owner) throw new Error(`${type} is not a ${options.owner} event`);
      const id = newId();
      const event = {
        specversion: CLOUDEVENTS_SPEC_VERSION,
        id,
        source: EVENT_SOURCES[options.owner],
        type,
        time: (at ?? now()).toISOString(),
        subject: `${entry.aggregate}/${aggregateId}`,
        datacontenttype: EVENT_DATA_CONTENT_TYPE,
        schemaversion: entry.schemaVersion,
        partitionkey: aggregateId,
        // Parsing (not just checking) drops nothing and adds defaults; a programming error throws here.
        data: entry.data.parse(data) as EventData<typeof type>,
      } as DomainEvent;
      return { id, topic: options.topic, key: aggregateId, event };
    },
  };
}
