/**
 * Every domain event type, its owner, its aggregate and the schema of its `data`: the one list producers build events
 * from and consumers validate against. A new version of a payload gets a new `schemaVersion` (consumers refuse
 * versions they do not know, so a breaking change is never read as the old shape).
 */
import { z } from '../zod';
import { AgencyRegisteredData, AgencyUpdatedData, PolicyChangedData, StaffChangedData } from './agency-events';
import {
  CaseAgreementRecordedData,
  CaseClosedData,
  CaseDeadlineMissedData,
  CaseEscalationApprovedData,
  CaseEscalationRefusedData,
  CaseLevelEnteredData,
  CaseMergedData,
  CaseOpenedData,
  CasePartiesSharedData,
  CaseReportLinkedData,
  CaseTransferAcceptedData,
  CaseTransferRejectedData,
} from './case-events';
import { CloudEventEnvelope, cloudEventSchema } from './envelope';
import { PartyAgencyInvolvedData, PartyRegisteredData, PartyRiskFlagSetData, PartyUpdatedData } from './party-events';
import type { EventOwner } from './topics';

interface CatalogEntry {
  owner: EventOwner;
  /** The `subject` prefix and what the partition key identifies. */
  aggregate: 'case' | 'party' | 'agency' | 'policy' | 'staff';
  schemaVersion: number;
  data: z.ZodType;
}

function entry<O extends EventOwner, A extends CatalogEntry['aggregate'], D extends z.ZodType>(
  owner: O,
  aggregate: A,
  data: D,
) {
  return { owner, aggregate, schemaVersion: 1, data } as const;
}

export const DOMAIN_EVENT_CATALOG = {
  'gongzhi.case.opened': entry('case', 'case', CaseOpenedData),
  'gongzhi.case.report-linked': entry('case', 'case', CaseReportLinkedData),
  'gongzhi.case.merged': entry('case', 'case', CaseMergedData),
  'gongzhi.case.level-entered': entry('case', 'case', CaseLevelEnteredData),
  'gongzhi.case.transfer-accepted': entry('case', 'case', CaseTransferAcceptedData),
  'gongzhi.case.transfer-rejected': entry('case', 'case', CaseTransferRejectedData),
  'gongzhi.case.deadline-missed': entry('case', 'case', CaseDeadlineMissedData),
  'gongzhi.case.escalation-approved': entry('case', 'case', CaseEscalationApprovedData),
  'gongzhi.case.escalation-refused': entry('case', 'case', CaseEscalationRefusedData),
  'gongzhi.case.agreement-recorded': entry('case', 'case', CaseAgreementRecordedData),
  'gongzhi.case.closed': entry('case', 'case', CaseClosedData),
  'gongzhi.case.parties-shared': entry('case', 'case', CasePartiesSharedData),
  'gongzhi.party.registered': entry('party', 'party', PartyRegisteredData),
  'gongzhi.party.updated': entry('party', 'party', PartyUpdatedData),
  'gongzhi.party.agency-involved': entry('party', 'party', PartyAgencyInvolvedData),
  'gongzhi.party.risk-flag-set': entry('party', 'party', PartyRiskFlagSetData),
  'gongzhi.agency.registered': entry('agency', 'agency', AgencyRegisteredData),
  'gongzhi.agency.updated': entry('agency', 'agency', AgencyUpdatedData),
  'gongzhi.agency.policy-changed': entry('agency', 'policy', PolicyChangedData),
  'gongzhi.agency.staff-changed': entry('agency', 'staff', StaffChangedData),
} as const satisfies Record<string, CatalogEntry>;

type Catalog = typeof DOMAIN_EVENT_CATALOG;
export type DomainEventType = keyof Catalog;
export const DOMAIN_EVENT_TYPES = Object.keys(DOMAIN_EVENT_CATALOG) as DomainEventType[];

/** The payload (`data`) of one event type. */
export type EventData<T extends DomainEventType> = z.output<Catalog[T]['data']>;

/** One event as a consumer receives it, `type` and `data` matching. */
export type DomainEvent<T extends DomainEventType = DomainEventType> = {
  [K in T]: Omit<CloudEventEnvelope, 'type' | 'data'> & { type: K; data: EventData<K> };
}[T];

/** Event types of one owner. */
export type EventTypeOf<O extends EventOwner> = {
  [K in DomainEventType]: Catalog[K]['owner'] extends O ? K : never;
}[DomainEventType];

function pascalName(type: DomainEventType): string {
  return type
    .replace(/^gongzhi\./, '')
    .split(/[.-]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** One value per event type, built by `make`. */
function perType<V>(make: (type: DomainEventType) => V): Record<DomainEventType, V> {
  const result: Partial<Record<DomainEventType, V>> = {};
  for (const type of DOMAIN_EVENT_TYPES) result[type] = make(type);
  return result as Record<DomainEventType, V>;
}

/** The full envelope schema of each type (type and schema version fixed, data validated), named for OpenAPI. */
export const DOMAIN_EVENT_SCHEMAS: Record<DomainEventType, z.ZodType> = perType((type) => {
  const { data, schemaVersion } = DOMAIN_EVENT_CATALOG[type];
  return cloudEventSchema(type, data, schemaVersion).openapi(`${pascalName(type)}Event`);
});

/** Why a message is not an event this consumer can apply. */
export type EventRejection =
  'invalid-envelope' | 'unknown-type' | 'unsupported-schema-version' | 'invalid-payload' | 'wrong-aggregate';

export type ParsedEvent = { ok: true; event: DomainEvent } | { ok: false; reason: EventRejection; message: string };

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 10)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

/**
 * Checks a decoded message against the envelope and its type's payload schema. Messages never carry personal data, but
 * the messages of rejections are built from paths and rules only, never from values, all the same.
 */
export function parseDomainEvent(value: unknown): ParsedEvent {
  const envelope = CloudEventEnvelope.safeParse(value);
  if (!envelope.success) return { ok: false, reason: 'invalid-envelope', message: describe(envelope.error) };
  const { type, schemaversion, subject, partitionkey } = envelope.data;
  if (!(type in DOMAIN_EVENT_CATALOG)) return { ok: false, reason: 'unknown-type', message: `unknown type ${type}` };
  const entry = DOMAIN_EVENT_CATALOG[type as DomainEventType];
  if (schemaversion !== entry.schemaVersion) {
    return {
      ok: false,
      reason: 'unsupported-schema-version',
      message: `${type} schema version ${schemaversion} is not supported (this consumer reads ${entry.schemaVersion})`,
    };
  }
  if (subject !== `${entry.aggregate}/${partitionkey}`) {
    return {
      ok: false,
      reason: 'wrong-aggregate',
      message: `subject must be ${entry.aggregate}/<partitionkey>`,
    };
  }
  const data = entry.data.safeParse(envelope.data.data);
  if (!data.success) return { ok: false, reason: 'invalid-payload', message: describe(data.error) };
  return { ok: true, event: { ...envelope.data, data: data.data } as DomainEvent };
}

/** JSON Schema (draft 2020-12) of every event's envelope, for consumers outside TypeScript and for documentation. */
export function domainEventJsonSchemas(): Record<DomainEventType, Record<string, unknown>> {
  return perType((type) => z.toJSONSchema(DOMAIN_EVENT_SCHEMAS[type], { io: 'input' }) as Record<string, unknown>);
}
