/**
 * The envelope every domain event travels in: a CloudEvents 1.0 event in JSON structured mode (the whole event is the
 * Kafka message value, `content-type: application/cloudevents+json`). Two extension attributes: `schemaversion`, the
 * version of the `data` schema for this `type`, and `partitionkey` (the CloudEvents partitioning extension), the
 * aggregate id that is also the Kafka message key, so one aggregate's events stay in order.
 */
import { z } from '../zod';

export const CLOUDEVENTS_SPEC_VERSION = '1.0';
/** `datacontenttype` of every Gongzhi event. */
export const EVENT_DATA_CONTENT_TYPE = 'application/json';
/** The Kafka `content-type` header of a structured-mode CloudEvent. */
export const CLOUDEVENTS_JSON_CONTENT_TYPE = 'application/cloudevents+json; charset=UTF-8';

/**
 * A reference to another service's object (an agency, a staff member): an identifier, never free text. Production ids
 * are UUIDs; the looser pattern lets test fixtures use readable ids.
 */
export const EntityRef = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'an id: letters, digits, dots, colons, hyphens, underscores');

/** Event types are reverse-DNS style and lowercase: `gongzhi.<owner>.<what-happened>`. */
const eventType = z.string().regex(/^gongzhi\.[a-z]+\.[a-z-]+$/, 'use gongzhi.<owner>.<what-happened>');

/** The attributes every event carries, whatever its type. */
export const CloudEventAttributes = z
  .object({
    specversion: z.literal(CLOUDEVENTS_SPEC_VERSION),
    /** Unique per source: consumers dedupe on (source, id). A UUID, also the producer's outbox row id. */
    id: z.string().uuid(),
    /** The producing service, a URI reference such as `/gongzhi/party-service`. */
    source: z.string().regex(/^\/gongzhi\/[a-z-]+$/, 'use /gongzhi/<service>'),
    type: eventType,
    /** When it happened (RFC 3339, UTC). */
    time: z.string().datetime(),
    /** The aggregate the event is about, e.g. `case/<id>`, `party/<id>`, `policy/<town>`. */
    subject: z.string().regex(/^[a-z-]+\/[A-Za-z0-9_.:-]{1,100}$/, 'use <aggregate>/<id>'),
    datacontenttype: z.literal(EVENT_DATA_CONTENT_TYPE),
    /** Version of the `data` schema of this `type`; a consumer refuses versions it does not know. */
    schemaversion: z.number().int().min(1),
    /** CloudEvents partitioning extension: the aggregate id, also the Kafka key. */
    partitionkey: z.string().min(1).max(100),
  })
  .strict();

/** Any well-formed envelope, its `data` not yet checked against the type's schema. */
export const CloudEventEnvelope = CloudEventAttributes.extend({
  data: z.record(z.string(), z.unknown()),
})
  .strict()
  .openapi('CloudEventEnvelope');
export type CloudEventEnvelope = z.infer<typeof CloudEventEnvelope>;

/** The envelope of one event type: its `type` fixed, its `data` the type's payload schema. */
export function cloudEventSchema<T extends string, D extends z.ZodType>(type: T, data: D, schemaVersion: number) {
  return CloudEventAttributes.extend({
    type: z.literal(type),
    schemaversion: z.literal(schemaVersion),
    data,
  }).strict();
}
