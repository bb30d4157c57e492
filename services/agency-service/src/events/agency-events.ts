/** The events agency-service publishes: agencies by id, and each new version of a town's policy. */
import { AGENCY_FIELDS, DEFAULT_EVENT_TOPICS } from '@gongzhi/contracts';
import { createEventFactory, type OutboxMessage } from '@gongzhi/outbox';
import type { AgencyPatch, AgencyRecord } from '../agencies/agencies.repository';
import type { PolicyRecord } from '../policy/policy.repository';

export interface AgencyEvents {
  registered(agency: AgencyRecord): OutboxMessage;
  updated(agency: AgencyRecord, patch: AgencyPatch): OutboxMessage | undefined;
  policyChanged(policy: PolicyRecord): OutboxMessage;
}

/** The partition key of a town's policy versions: one town's changes stay in order. */
export function policyAggregateId(townCode: string): string {
  return `policy-${townCode}`;
}

export function createAgencyEvents(topic: string = DEFAULT_EVENT_TOPICS.agency): AgencyEvents {
  const factory = createEventFactory({ owner: 'agency', topic });
  return {
    registered: (agency) =>
      factory.build(
        'gongzhi.agency.registered',
        agency.id,
        { agencyId: agency.id, townCode: agency.townCode, kind: agency.kind, areaCodes: agency.areaCodes },
        agency.createdAt,
      ),
    updated(agency, patch) {
      const changedFields = AGENCY_FIELDS.filter((field) => patch[field] !== undefined);
      if (changedFields.length === 0) return undefined;
      return factory.build(
        'gongzhi.agency.updated',
        agency.id,
        {
          agencyId: agency.id,
          townCode: agency.townCode,
          kind: agency.kind,
          areaCodes: agency.areaCodes,
          version: agency.version,
          changedFields,
        },
        agency.updatedAt,
      );
    },
    policyChanged: (policy) =>
      factory.build(
        'gongzhi.agency.policy-changed',
        policyAggregateId(policy.townCode),
        {
          townCode: policy.townCode,
          version: policy.version,
          previousVersion: policy.version - 1,
          changedBy: policy.createdBy,
          ladder: policy.document.ladder.map((level) => ({
            level: level.level,
            agencyKind: level.agencyKind,
            mediationDays: level.mediationClock.amount,
            unit: level.mediationClock.unit,
          })),
        },
        policy.createdAt,
      ),
  };
}
