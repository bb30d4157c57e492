import {
  type LookupOrCreatePartyRequest,
  type PartyView,
  type Principal,
  type RevealableField,
  type UpdatePartyRequest,
} from '@gongzhi/contracts';
import { canSee, hasAnyRole, requireAnyRole } from '@gongzhi/auth';
import { ForbiddenError, NotFoundError, PreconditionFailedError, ValidationError } from '@gongzhi/errors';
import { type AuditTrail, decodeCursor, etagOf, type Page, toPage } from '@gongzhi/http';
import { z } from 'zod';
import type { PartyCrypto } from '../crypto/party-crypto';
import { maskIdNumber, maskPhone } from './masking';
import type { PartiesRepository, PartyChanges, PartyRecord } from './parties.repository';
import { GRANT_ROLES, REGISTER_ROLES, REVEAL_ROLES, UPDATE_ROLES } from './party-policy';

/** Who is asking, in which request: every read and change is audited with both. */
export interface Caller {
  principal: Principal;
  requestId: string;
}

export interface PartiesServiceDeps {
  repository: PartiesRepository;
  crypto: PartyCrypto;
  audit: AuditTrail;
  newId: () => string;
}

export interface PartyResult {
  view: PartyView;
  etag: string;
}

export interface ListPartiesInput {
  limit: number;
  cursor?: string;
  kind?: 'person' | 'organisation';
  q?: string;
  villageCode?: string;
}

export interface PartiesService {
  /** Finds the party with this ID number (or credit code) or registers it: the same identity never makes two parties. */
  lookupOrCreate(caller: Caller, request: LookupOrCreatePartyRequest): Promise<PartyResult & { created: boolean }>;
  get(caller: Caller, id: string, reveal: readonly RevealableField[]): Promise<PartyResult>;
  findByIdNumber(caller: Caller, idNumber: string): Promise<PartyResult>;
  update(
    caller: Caller,
    id: string,
    changes: UpdatePartyRequest,
    checkVersion: (currentVersion: number) => number,
  ): Promise<PartyResult>;
  addInvolvedAgency(caller: Caller, id: string, agencyId: string): Promise<PartyResult>;
  list(caller: Caller, input: ListPartiesInput): Promise<Page<PartyView>>;
  /** The party if the caller may see it, else 404 (its existence does not leak). For the risk-flag feature. */
  visibleParty(caller: Caller, id: string): Promise<PartyRecord>;
}

const Cursor = z.object({ c: z.string().datetime(), i: z.string().uuid() }).strict();

export const AUDIT_OBJECT = 'party';

export function createPartiesService(deps: PartiesServiceDeps): PartiesService {
  const { repository, crypto, audit } = deps;

  const record = (caller: Caller, action: string, partyId: string) =>
    audit.record({
      actor: caller.principal.staffId,
      action,
      objectType: AUDIT_OBJECT,
      objectId: partyId,
      requestId: caller.requestId,
    });

  const visible = (principal: Principal, party: PartyRecord) =>
    canSee(principal, { townCode: party.townCode, agencyIds: party.involvedAgencyIds });

  function toView(party: PartyRecord, reveal: readonly RevealableField[]): PartyView {
    const idNumber = party.idNumber ? crypto.open('idNumber', party.id, party.idNumber) : null;
    const phone = party.phone ? crypto.open('phone', party.id, party.phone) : null;
    const revealed = reveal.filter((field) => (field === 'idNumber' ? idNumber !== null : phone !== null));
    return {
      id: party.id,
      kind: party.kind,
      name: party.name,
      gender: party.gender,
      idNumber: idNumber === null ? null : revealed.includes('idNumber') ? idNumber : maskIdNumber(idNumber),
      creditCode: party.creditCode,
      phone: phone === null ? null : revealed.includes('phone') ? phone : maskPhone(phone),
      contactName: party.contactName,
      address: { ...party.address },
      townCode: party.townCode,
      registeringAgencyId: party.registeringAgencyId,
      involvedAgencyIds: [...party.involvedAgencyIds],
      activeRiskCategories: [...party.activeRiskCategories],
      revealed,
      version: party.version,
      createdAt: party.createdAt.toISOString(),
      updatedAt: party.updatedAt.toISOString(),
    };
  }

  const result = (party: PartyRecord, reveal: readonly RevealableField[] = []): PartyResult => ({
    view: toView(party, reveal),
    etag: etagOf(party.id, party.version),
  });

  async function visibleParty(caller: Caller, id: string): Promise<PartyRecord> {
    const party = await repository.findById(id);
    if (!party || !visible(caller.principal, party)) throw new NotFoundError('party', id);
    return party;
  }

  /** An existing party found by its identity: the caller's agency becomes involved, since it now works with them. */
  async function linkExisting(caller: Caller, party: PartyRecord): Promise<PartyRecord> {
    if (party.involvedAgencyIds.includes(caller.principal.agencyId)) return party;
    const linked = await repository.addInvolvedAgency(party.id, caller.principal.agencyId);
    if (!linked) throw new NotFoundError('party', party.id);
    await record(caller, 'party.linked', party.id);
    return linked;
  }

  return {
    visibleParty,

    async lookupOrCreate(caller, request) {
      const { principal } = caller;
      requireAnyRole(principal, REGISTER_ROLES, 'register parties');
      const id = deps.newId();
      const blindIndex = request.kind === 'person' ? crypto.blindIndex(request.idNumber) : null;
      const existing =
        request.kind === 'person'
          ? await repository.findByBlindIndex(blindIndex ?? '')
          : await repository.findByCreditCode(request.creditCode);
      const phone = request.kind === 'person' ? request.phone : request.contactPhone;
      const outcome = existing
        ? ({ kind: 'exists', record: existing } as const)
        : await repository.insert({
            id,
            kind: request.kind,
            name: request.name,
            gender: request.kind === 'person' ? (request.gender ?? null) : null,
            idNumber: request.kind === 'person' ? crypto.seal('idNumber', id, request.idNumber) : null,
            idNumberBlindIndex: blindIndex,
            creditCode: request.kind === 'organisation' ? request.creditCode : null,
            phone: phone ? crypto.seal('phone', id, phone) : null,
            contactName: request.kind === 'organisation' ? (request.contactName ?? null) : null,
            address: {
              townCode: request.address.townCode,
              villageCode: request.address.villageCode ?? null,
              gridCode: request.address.gridCode ?? null,
              detail: request.address.detail ?? null,
            },
            townCode: principal.townCode,
            registeringAgencyId: principal.agencyId,
            involvedAgencyIds: [principal.agencyId],
            createdBy: principal.staffId,
          });
      if (outcome.kind === 'created') {
        await record(caller, 'party.created', outcome.record.id);
        return { ...result(outcome.record), created: true };
      }
      const party = await linkExisting(caller, outcome.record);
      await record(caller, 'party.read', party.id);
      return { ...result(party), created: false };
    },

    async get(caller, id, reveal) {
      const party = await visibleParty(caller, id);
      for (const field of reveal) {
        if (!hasAnyRole(caller.principal, REVEAL_ROLES[field])) {
          throw new ForbiddenError(
            `Only ${REVEAL_ROLES[field].join(', ')} staff may see a party's ${field} in full: ask without \`reveal\` for the masked value.`,
          );
        }
      }
      // The audit record is written before the data leaves: no read without a trace.
      await record(caller, 'party.read', party.id);
      for (const field of reveal) await record(caller, `party.revealed.${field}`, party.id);
      return result(party, reveal);
    },

    async findByIdNumber(caller, idNumber) {
      const party = await repository.findByBlindIndex(crypto.blindIndex(idNumber));
      if (!party || !visible(caller.principal, party)) {
        throw new NotFoundError('party', '(given ID number)');
      }
      await record(caller, 'party.found-by-id-number', party.id);
      return result(party);
    },

    async update(caller, id, changes, checkVersion) {
      requireAnyRole(caller.principal, UPDATE_ROLES, 'change parties');
      const party = await visibleParty(caller, id);
      const version = checkVersion(party.version);
      if (party.kind === 'organisation' && changes.gender !== undefined) {
        throw new ValidationError('Organisations have no gender: leave `gender` out.', [
          { path: 'gender', message: 'only for persons' },
        ]);
      }
      if (party.kind === 'person' && changes.contactName !== undefined) {
        throw new ValidationError('Persons have no contact name: leave `contactName` out.', [
          { path: 'contactName', message: 'only for organisations' },
        ]);
      }
      const patch: PartyChanges = {
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.gender !== undefined ? { gender: changes.gender } : {}),
        ...(changes.contactName !== undefined ? { contactName: changes.contactName } : {}),
        ...(changes.phone !== undefined
          ? { phone: changes.phone === null ? null : crypto.seal('phone', id, changes.phone) }
          : {}),
        ...(changes.address
          ? {
              address: {
                townCode: changes.address.townCode,
                villageCode: changes.address.villageCode ?? null,
                gridCode: changes.address.gridCode ?? null,
                detail: changes.address.detail ?? null,
              },
            }
          : {}),
      };
      const updated = await repository.update(id, version, patch);
      if (!updated) throw new PreconditionFailedError();
      await record(caller, 'party.updated', id);
      return result(updated);
    },

    async addInvolvedAgency(caller, id, agencyId) {
      requireAnyRole(caller.principal, GRANT_ROLES, 'involve another agency with a party');
      const party = await visibleParty(caller, id);
      if (party.involvedAgencyIds.includes(agencyId)) {
        await record(caller, 'party.read', id);
        return result(party);
      }
      const updated = await repository.addInvolvedAgency(id, agencyId);
      if (!updated) throw new NotFoundError('party', id);
      await record(caller, 'party.agency-added', id);
      return result(updated);
    },

    async list(caller, input) {
      const { principal } = caller;
      const after = input.cursor ? decodeCursor(input.cursor, Cursor) : undefined;
      const all = principal.roles.includes('administrator');
      const rows = await repository.list(
        {
          all,
          agencyId: principal.agencyId,
          ...(principal.roles.includes('coordinator') ? { townCode: principal.townCode } : {}),
        },
        {
          limit: input.limit,
          ...(after ? { after: { createdAt: new Date(after.c), id: after.i } } : {}),
          ...(input.kind ? { kind: input.kind } : {}),
          ...(input.q ? { nameContains: input.q } : {}),
          ...(input.villageCode ? { villageCode: input.villageCode } : {}),
        },
      );
      // Belt and braces: the repository filters by scope, and nothing leaves that canSee would refuse.
      const page = toPage(
        rows.filter((row) => visible(principal, row)),
        input.limit,
        (row) => row,
        (row) => ({ c: row.createdAt.toISOString(), i: row.id }),
      );
      for (const party of page.items) await record(caller, 'party.listed', party.id);
      return { items: page.items.map((party) => toView(party, [])), nextCursor: page.nextCursor };
    },
  };
}
