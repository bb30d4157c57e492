/** The events agency-service publishes: agencies by id, each new version of a town's policy, staff account changes. */
import { AGENCY_FIELDS, DEFAULT_EVENT_TOPICS, STAFF_FIELDS } from '@gongzhi/contracts';
import { createEventFactory, type OutboxMessage } from '@gongzhi/outbox';
import type { AgencyPatch, AgencyRecord } from '../agencies/agencies.model';
import type { PolicyRecord } from '../policy/policy.model';
import type { StaffPatch, StaffRecord } from '../staff/staff.model';

export interface AgencyEvents {
  registered(agency: AgencyRecord): OutboxMessage;
  updated(agency: AgencyRecord, patch: AgencyPatch): OutboxMessage | undefined;
  policyChanged(policy: PolicyRecord): OutboxMessage;
  /** The account as it is after `patch`; undefined when the patch names no field. */
  staffChanged(staff: StaffRecord, patch: StaffPatch, changedBy: string, at: Date): OutboxMessage | undefined;
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
    staffChanged(staff, patch, changedBy, at) {
      const changedFields = STAFF_FIELDS.filter((field) => patch[field] !== undefined);
      if (changedFields.length === 0) return undefined;
      return factory.build(
        'gongzhi.agency.staff-changed',
        staff.id,
        {
          staffId: staff.id,
          agencyId: staff.agencyId,
          townCode: staff.townCode,
          roles: staff.roles,
          active: staff.active,
          version: staff.version,
          changedFields,
          changedBy,
        },
        at,
      );
    },
  };
}
