/** The events party-service publishes: ids and codes only (PIPL: nothing that identifies a person leaves in an event). */
import { DEFAULT_EVENT_TOPICS, type PARTY_FIELDS } from '@gongzhi/contracts';
import { createEventFactory, type OutboxMessage } from '@gongzhi/outbox';
import type { PartyRecord } from '../parties/parties.model';
import type { RiskFlagRecord } from '../risk-flags/risk-flags.model';

export type PartyField = (typeof PARTY_FIELDS)[number];

export interface PartyEvents {
  registered(party: PartyRecord): OutboxMessage;
  updated(party: PartyRecord, changedFields: PartyField[]): OutboxMessage;
  agencyInvolved(party: PartyRecord, agencyId: string): OutboxMessage;
  /** A flag set on a person of `townCode`: ids and the category, never the reason nor who set it. */
  riskFlagSet(flag: RiskFlagRecord, townCode: string): OutboxMessage;
}

export function createPartyEvents(topic: string = DEFAULT_EVENT_TOPICS.party): PartyEvents {
  const factory = createEventFactory({ owner: 'party', topic });
  return {
    registered: (party) =>
      factory.build(
        'gongzhi.party.registered',
        party.id,
        {
          partyId: party.id,
          kind: party.kind,
          townCode: party.townCode,
          registeringAgencyId: party.registeringAgencyId,
        },
        party.createdAt,
      ),
    updated: (party, changedFields) =>
      factory.build(
        'gongzhi.party.updated',
        party.id,
        { partyId: party.id, townCode: party.townCode, version: party.version, changedFields },
        party.updatedAt,
      ),
    agencyInvolved: (party, agencyId) =>
      factory.build(
        'gongzhi.party.agency-involved',
        party.id,
        { partyId: party.id, townCode: party.townCode, agencyId, version: party.version },
        party.updatedAt,
      ),
    riskFlagSet: (flag, townCode) =>
      factory.build(
        'gongzhi.party.risk-flag-set',
        flag.partyId,
        {
          partyId: flag.partyId,
          townCode,
          flagId: flag.id,
          category: flag.category,
          agencyId: flag.setByAgencyId,
        },
        flag.setAt,
      ),
  };
}

/** Which published fields a change touches (by name only). */
export function changedPartyFields(changes: Partial<Record<PartyField, unknown>>): PartyField[] {
  return (['name', 'gender', 'phone', 'contactName', 'address'] as const).filter(
    (field) => changes[field] !== undefined,
  );
}
