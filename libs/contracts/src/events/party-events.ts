/**
 * What party-service publishes on its topic (default `party.events`), keyed by the party id. Ids and codes only: no
 * name, ID number, phone or address ever leaves party-service in an event; a consumer that needs them asks the API,
 * which checks and audits the read.
 */
import { PARTY_KINDS, RISK_CATEGORIES } from '../party/party-api';
import { z } from '../zod';
import { EntityRef } from './envelope';

const id = z.string().uuid();
const townCode = z.string().regex(/^[a-z0-9-]{2,40}$/);

/** The fields of a party whose change is published, by name only (never the values). */
export const PARTY_FIELDS = ['name', 'gender', 'phone', 'contactName', 'address'] as const;

/** A person or organisation was registered. */
export const PartyRegisteredData = z
  .object({ partyId: id, kind: z.enum(PARTY_KINDS), townCode, registeringAgencyId: EntityRef })
  .strict()
  .openapi('PartyRegisteredData');

/** A party's details changed: which fields, never their values. */
export const PartyUpdatedData = z
  .object({
    partyId: id,
    townCode,
    version: z.number().int().min(1),
    changedFields: z.array(z.enum(PARTY_FIELDS)).min(1).max(PARTY_FIELDS.length),
  })
  .strict()
  .openapi('PartyUpdatedData');

/** Another agency now works with the party (and may see it). */
export const PartyAgencyInvolvedData = z
  .object({ partyId: id, townCode, agencyId: EntityRef, version: z.number().int().min(1) })
  .strict()
  .openapi('PartyAgencyInvolvedData');

/**
 * A risk flag was set on a person (a violence risk, a group dispute, a key person …). Which flag, which category and
 * which agency's staff set it: never the reason, which names people and what they did, nor who exactly set it. Clearing
 * a flag publishes nothing: no consumer can act on it (a case's workflow keeps a risk once raised).
 */
export const PartyRiskFlagSetData = z
  .object({
    partyId: id,
    townCode,
    /** party-service's flag id: a consumer told the same flag twice applies it once. */
    flagId: id,
    category: z.enum(RISK_CATEGORIES),
    /** The agency whose staff set the flag (the police station, usually). */
    agencyId: EntityRef,
  })
  .strict()
  .openapi('PartyRiskFlagSetData');
