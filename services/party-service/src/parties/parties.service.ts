import type { CallContext } from '@gongzhi/auth';
import {
  Instant,
  type LookupOrCreatePartyRequest,
  type PartyView,
  type PossibleDuplicateView,
  type Principal,
  type RevealableField,
  type ReviewPossibleDuplicateRequest,
  type UpdatePartyRequest,
  type AuditAction,
} from '@gongzhi/contracts';
import { canSee, hasAnyRole, requireAnyRole } from '@gongzhi/auth';
import {
  AppError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  ValidationError,
} from '@gongzhi/errors';
import { AUDIT_LIST_OBJECT_ID, type AuditTrail, decodeCursor, etagOf, type Page, toPage } from '@gongzhi/http';
import { z } from 'zod';
import type { AgencyDirectory } from '../agencies/agency-directory';
import type { PartyCrypto } from '../crypto/party-crypto';
import { maskIdNumber, maskPhone } from './masking';
import type { NewPartyRecord, PartyChanges, PartyIdentity, PartyRecord } from './parties.model';
import type { PartiesRepository } from './parties.repository';
import { GRANT_ROLES, REGISTER_ROLES, REVEAL_ROLES, REVIEW_DUPLICATE_ROLES, UPDATE_ROLES } from './party-policy';

export interface PartiesServiceDeps {
  repository: PartiesRepository;
  crypto: PartyCrypto;
  audit: AuditTrail;
  /** agency-service's agencies, asked before an agency is involved with a party. */
  agencies: AgencyDirectory;
  newId: () => string;
}

/** The agency to involve is none the caller can name in the party's town (unknown, another town's, or retired). */
export class UnknownAgencyError extends AppError {
  constructor(agencyId: string, townCode: string) {
    super(422, 'unknown-agency', 'Not an agency of the party’s town', {
      detail:
        `agency-service shows you no working agency ${agencyId} in town ${townCode}: involve an agency of the ` +
        `party's town from GET /api/v1/agencies there. Staff other than coordinators see only their own agency ` +
        `there, so ask the town's coordinator (综治中心) to involve another agency.`,
      extensions: { agencyId, townCode },
    });
  }
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

export interface ListDuplicatesInput {
  limit: number;
  cursor?: string;
}

export interface PartiesService {
  /**
   * Finds the caller's town's record of this ID number (or credit code) if the caller may see it, or registers one.
   * An existing record the caller may not see is neither returned nor linked: the caller gets a record of their own,
   * answered exactly as a fresh registration, and marked as a possible duplicate for the coordinator to review.
   */
  lookupOrCreate(caller: CallContext, request: LookupOrCreatePartyRequest): Promise<PartyResult & { created: boolean }>;
  get(caller: CallContext, id: string, reveal: readonly RevealableField[]): Promise<PartyResult>;
  findByIdNumber(caller: CallContext, idNumber: string): Promise<PartyResult>;
  update(
    caller: CallContext,
    id: string,
    changes: UpdatePartyRequest,
    checkVersion: (currentVersion: number) => number,
  ): Promise<PartyResult>;
  addInvolvedAgency(caller: CallContext, id: string, agencyId: string): Promise<PartyResult>;
  list(caller: CallContext, input: ListPartiesInput): Promise<Page<PartyView>>;
  /** The caller's town's possible duplicates awaiting review (coordinators). */
  listPossibleDuplicates(caller: CallContext, input: ListDuplicatesInput): Promise<Page<PossibleDuplicateView>>;
  /** A coordinator's decision on a possible duplicate: grant the agency the existing record, or dismiss. */
  reviewPossibleDuplicate(
    caller: CallContext,
    id: string,
    request: ReviewPossibleDuplicateRequest,
  ): Promise<PossibleDuplicateView>;
  /** The party if the caller may see it, else 404 (its existence does not leak). For the risk-flag feature. */
  visibleParty(caller: CallContext, id: string): Promise<PartyRecord>;
}

// Instant: a forged cursor's out-of-range date is a 400, never a database error.
const Cursor = z.object({ c: Instant, i: z.string().uuid() }).strict();

/** How often a registration looks again after losing a race for the town's primary record (once is enough). */
const REGISTRATION_ATTEMPTS = 3;

function toDuplicateView(party: PartyRecord): PossibleDuplicateView {
  return {
    partyId: party.id,
    existingPartyId: party.possibleDuplicateOf ?? '',
    townCode: party.townCode,
    agencyId: party.registeringAgencyId,
    registeredBy: party.createdBy,
    registeredAt: party.createdAt.toISOString(),
    resolution: party.duplicateReview?.resolution ?? null,
    resolvedBy: party.duplicateReview?.resolvedBy ?? null,
    resolvedAt: party.duplicateReview?.resolvedAt.toISOString() ?? null,
    reason: party.duplicateReview?.reason ?? null,
  };
}

export const AUDIT_OBJECT = 'party';

export function createPartiesService(deps: PartiesServiceDeps): PartiesService {
  const { repository, crypto, audit, agencies } = deps;

  const record = (caller: CallContext, action: AuditAction, partyId: string) =>
    audit.record({
      actor: caller.principal.staffId,
      action,
      objectType: AUDIT_OBJECT,
      objectId: partyId,
      requestId: caller.requestId,
    });

  // A list read: one row naming every party on the page (none for an empty page, still on record).
  const recordList = (caller: CallContext, action: AuditAction, partyIds: readonly string[]) =>
    audit.record({
      actor: caller.principal.staffId,
      action,
      objectType: AUDIT_OBJECT,
      objectId: AUDIT_LIST_OBJECT_ID,
      objectIds: partyIds,
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

  async function visibleParty(caller: CallContext, id: string): Promise<PartyRecord> {
    const party = await repository.findById(id);
    if (!party || !visible(caller.principal, party)) throw new NotFoundError('party', id);
    return party;
  }

  /**
   * An existing party the caller already sees, found by its identity: the caller's agency becomes involved, since it
   * now works with them. Never called for a party the caller cannot see: that would hand it over.
   */
  async function linkExisting(caller: CallContext, party: PartyRecord): Promise<PartyRecord> {
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
      // Identity is per town: another town's record of the same person is never looked at, let alone linked.
      const identity: PartyIdentity =
        request.kind === 'person'
          ? { blindIndex: crypto.blindIndex(request.idNumber) }
          : { creditCode: request.creditCode };
      const phone = request.kind === 'person' ? request.phone : request.contactPhone;
      // Built from the caller's own input only, whatever exists already.
      const fresh: NewPartyRecord = {
        id,
        kind: request.kind,
        name: request.name,
        gender: request.kind === 'person' ? (request.gender ?? null) : null,
        idNumber: request.kind === 'person' ? crypto.seal('idNumber', id, request.idNumber) : null,
        idNumberBlindIndex: 'blindIndex' in identity ? identity.blindIndex : null,
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
        possibleDuplicateOf: null,
      };
      for (let attempt = 1; attempt <= REGISTRATION_ATTEMPTS; attempt += 1) {
        const known = await repository.findByIdentity(principal.townCode, identity);
        const seen = known.find((party) => visible(principal, party));
        if (seen) {
          // Someone the caller already sees (their agency's record, or any record of a coordinator's town).
          const party = await linkExisting(caller, seen);
          await record(caller, 'party.read', party.id);
          return { ...result(party), created: false };
        }
        // Not seen: a new primary record, or, when the town has one the caller may not see, a record of the caller's
        // own marked as its possible duplicate. Both take the same steps and answer the same 201, so neither the
        // status, the body nor the time tells the caller that the number was known.
        const primary = known.find((party) => party.possibleDuplicateOf === null);
        const outcome = await repository.insert({ ...fresh, possibleDuplicateOf: primary?.id ?? null });
        if (outcome.kind === 'created') {
          await record(caller, primary ? 'party.created.possible-duplicate' : 'party.created', outcome.record.id);
          return { ...result(outcome.record), created: true };
        }
        // Another request made the town's primary record meanwhile: look again.
      }
      throw new ConflictError('Others are registering the same person right now: send the request again.');
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
      const { principal } = caller;
      const known = (await repository.findByBlindIndex(crypto.blindIndex(idNumber))).filter((p) =>
        visible(principal, p),
      );
      // The caller's own town's record first (administrators see every town's).
      const party = known.find((p) => p.townCode === principal.townCode) ?? known[0];
      if (!party) throw new NotFoundError('party', '(given ID number)');
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
      // The agency's staff will see the party: it must be a working agency of the party's town, as agency-service
      // (which alone knows agencies) tells the caller. Asked with the caller's token, so it is no wider than what
      // they may see there.
      const agency = await agencies.find(agencyId, {
        principal: caller.principal,
        authorization: caller.authorization,
        requestId: caller.requestId,
      });
      if (!agency || !agency.active || agency.townCode !== party.townCode) {
        throw new UnknownAgencyError(agencyId, party.townCode);
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
      await recordList(
        caller,
        'party.listed',
        page.items.map((party) => party.id),
      );
      return { items: page.items.map((party) => toView(party, [])), nextCursor: page.nextCursor };
    },

    async listPossibleDuplicates(caller, input) {
      const { principal } = caller;
      requireAnyRole(principal, REVIEW_DUPLICATE_ROLES, 'review possible duplicates');
      const after = input.cursor ? decodeCursor(input.cursor, Cursor) : undefined;
      const rows = await repository.listPossibleDuplicates(principal.townCode, {
        limit: input.limit,
        ...(after ? { after: { createdAt: new Date(after.c), id: after.i } } : {}),
      });
      const page = toPage(
        rows.filter((row) => visible(principal, row)),
        input.limit,
        toDuplicateView,
        (row) => ({ c: row.createdAt.toISOString(), i: row.id }),
      );
      await recordList(
        caller,
        'party.duplicate-listed',
        page.items.map((item) => item.partyId),
      );
      return page;
    },

    async reviewPossibleDuplicate(caller, id, request) {
      const { principal } = caller;
      requireAnyRole(principal, REVIEW_DUPLICATE_ROLES, 'review possible duplicates');
      const party = await visibleParty(caller, id);
      const existingId = party.possibleDuplicateOf;
      if (!existingId) throw new NotFoundError('possible duplicate', id);
      if (party.duplicateReview) {
        throw new ConflictError(
          `This possible duplicate was already ${party.duplicateReview.resolution} by ${party.duplicateReview.resolvedBy}: ` +
            'to involve the agency now, use POST /api/v1/parties/{id}/involved-agencies on the existing record.',
        );
      }
      const resolution = request.decision === 'grant' ? 'granted' : 'dismissed';
      const reviewed = await repository.reviewDuplicate(
        id,
        { resolution, resolvedBy: principal.staffId, reason: request.reason },
        request.decision === 'grant' ? { partyId: existingId, agencyId: party.registeringAgencyId } : undefined,
      );
      if (!reviewed) {
        throw new ConflictError('Someone reviewed this possible duplicate at the same moment: reload the list.');
      }
      // Who decided is the audit record's actor; why is kept with the review on the record itself.
      await record(caller, `party.duplicate-${resolution}`, id);
      if (request.decision === 'grant') await record(caller, 'party.access-granted', existingId);
      return toDuplicateView(reviewed);
    },
  };
}
