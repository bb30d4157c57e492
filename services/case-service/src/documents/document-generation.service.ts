/**
 * Writes the documents the parties sign (人民调解协议书, 司法确认申请书) from a case and stores each as a document of
 * the case: the same store, listing, digest, download route and audit trail as an uploaded one. Who may do it is who
 * may add documents to the case (documents.service.ts: same visibility, same roles, not on a merged case).
 *
 * Personal data: names, ID numbers, phones and addresses are read from party-service as the caller, with their own
 * token, asking to reveal only what party-service reveals to the caller's roles; party-service masks the rest and
 * audits every reveal. They go into the PDF and nowhere else: not the logs, the timeline, events or the audit trail,
 * which name party ids only (which ones were printed revealed, which masked).
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { hasAnyRole, requireAnyRole } from '@gongzhi/auth';
import {
  DOCUMENT_GENERATION_PROBLEMS,
  type DocumentKind,
  type GenerateDocumentRequest,
  type GeneratedDocumentKind,
  REVEALABLE_FIELDS,
  type RevealableField,
  type StaffRole,
  type TimelineEvent,
} from '@gongzhi/contracts';
import { AppError, IdempotencyKeyReusedError, NotFoundError } from '@gongzhi/errors';
import { hashRequest } from '@gongzhi/http';
import type { Logger } from 'pino';
import type { CallContext } from '../kernel/call-context';
import type { CasesService } from '../cases/cases.service';
import type { PartyDetails, PartyDirectory, PartyLookup } from '../parties/party-directory';
import { sha256Of } from './document-bytes';
import { documentKey, type DocumentStore } from './document-store';
import type { DocumentsRepository } from './documents.repository';
import { type CreateDocumentResult, refuseIfMerged, toDocumentView, UPLOADERS } from './documents.service';
import {
  type AgreementFacts,
  buildConfirmationApplication,
  buildMediationAgreement,
  DOCUMENT_TITLES,
  type DocumentParty,
} from './generated-document-layout';
import type { PdfRenderer } from './pdf-renderer';

export interface DocumentGenerationDeps {
  documents: DocumentsRepository;
  store: DocumentStore;
  casesService: CasesService;
  /** The case's timeline, where the workflow records the agreement (`agreement-recorded`). */
  timeline: (caseId: string) => Promise<TimelineEvent[]>;
  parties: PartyDirectory;
  renderer: PdfRenderer;
  logger: Logger;
  newId?: () => string;
}

export interface DocumentGenerationService {
  generate(
    ctx: CallContext,
    caseId: string,
    request: GenerateDocumentRequest,
    idempotencyKey?: string,
  ): Promise<CreateDocumentResult>;
}

/** Stored under the kinds uploads use: an application is not the court's 司法确认书 (`judicial-confirmation`). */
const STORED_KIND: Readonly<Record<GeneratedDocumentKind, DocumentKind>> = {
  'mediation-agreement': 'mediation-agreement',
  'confirmation-application': 'confirmation-application',
};

/**
 * Which fields party-service reveals to which roles (its party-policy.ts REVEAL_ROLES), so a read asks for no reveal
 * it would refuse (a refused reveal fails the whole read). party-service still decides: a field it does not reveal
 * comes back masked, and its answer's `revealed` — not this table — says what the document shows in full. Should the
 * two ever disagree, a document shows less than it could, or the read fails: never more than party-service allows.
 */
const REVEALED_TO: Readonly<Record<RevealableField, readonly StaffRole[]>> = {
  idNumber: ['mediator', 'liaison', 'coordinator'],
  phone: ['grid-worker', 'mediator', 'liaison', 'coordinator'],
};

/** At most this many party reads at once, as when a case's parties are checked. */
const CONCURRENT_READS = 8;

/** The case has no agreement in force: nothing to write down. */
export class NoRecordedAgreementError extends AppError {
  constructor() {
    super(409, DOCUMENT_GENERATION_PROBLEMS.noAgreement, 'No agreement recorded', {
      detail:
        'This case has no mediation agreement recorded, so there is nothing to put in the document. Record the agreement on the case first (the mediate task’s record-agreement action), then ask again.',
    });
  }
}

/** A document the parties sign must name them all, as the caller may see them. */
export class PartiesNotReadableError extends AppError {
  constructor(detail: string, partyIds: readonly string[] = []) {
    super(409, DOCUMENT_GENERATION_PROBLEMS.partiesUnreadable, 'The parties cannot be named', {
      detail,
      ...(partyIds.length > 0 ? { extensions: { partyIds } } : {}),
    });
  }
}

/** The agreement in force on the timeline, if any. */
export interface RecordedAgreement {
  effectiveAt: Date;
  jointAgencyCount: number;
}

/**
 * The last agreement recorded, unless a joint agency's refusal to sign it off sent the case back to mediation since
 * (`agreement-sign-off-declined` with `return-to-mediation`): then there is none until the next is recorded.
 */
export function recordedAgreementOf(timeline: readonly TimelineEvent[]): RecordedAgreement | undefined {
  let current: RecordedAgreement | undefined;
  for (const event of timeline) {
    if (event.type === 'agreement-recorded') {
      const stated = event.details['effectiveAt'];
      const parsed = typeof stated === 'string' ? new Date(stated) : undefined;
      // The workflow records when the agreement took effect; entries written before it did fall back to their time.
      const effectiveAt = parsed && !Number.isNaN(parsed.getTime()) ? parsed : new Date(event.at);
      const joint = event.details['pendingSignOffs'];
      current = { effectiveAt, jointAgencyCount: Array.isArray(joint) ? joint.length : 0 };
    } else if (event.type === 'agreement-sign-off-declined' && event.details['consequence'] === 'return-to-mediation') {
      current = undefined;
    }
  }
  return current;
}

/** The fields the caller's roles may see in full, in party-service's words. */
export function revealableBy(ctx: CallContext): RevealableField[] {
  return REVEALABLE_FIELDS.filter((field) => hasAnyRole(ctx.principal, REVEALED_TO[field]));
}

/** Party ids per field: printed in full, or masked (a party without that field is in neither). */
function disclosureOf(parties: readonly PartyDetails[], field: RevealableField) {
  const holders = parties.filter((party) => party[field] !== null);
  return {
    revealed: holders.filter((party) => party.revealed.includes(field)).map((party) => party.id),
    masked: holders.filter((party) => !party.revealed.includes(field)).map((party) => party.id),
  };
}

const AUDIT_FIELD_NAMES = { idNumber: 'id-number', phone: 'phone' } as const satisfies Record<RevealableField, string>;

export function createDocumentGenerationService(deps: DocumentGenerationDeps): DocumentGenerationService {
  const newId = deps.newId ?? randomUUID;
  const cases = deps.casesService;

  async function readParties(ctx: CallContext, caseParties: readonly { partyId: string; role: string }[]) {
    const lookup: PartyLookup = {
      principal: ctx.principal,
      authorization: ctx.authorization,
      requestId: ctx.requestId,
    };
    const reveal = revealableBy(ctx);
    const found: (PartyDetails | undefined)[] = [];
    for (let start = 0; start < caseParties.length; start += CONCURRENT_READS) {
      const batch = caseParties.slice(start, start + CONCURRENT_READS);
      found.push(...(await Promise.all(batch.map((party) => deps.parties.read(party.partyId, reveal, lookup)))));
    }
    const unseen = caseParties.filter((_, index) => found[index] === undefined).map((party) => party.partyId);
    if (unseen.length > 0) {
      throw new PartiesNotReadableError(
        `party-service does not show you ${unseen.length} of this case’s ${caseParties.length} parties (partyIds), and a document the parties sign must name every one. An agency that has just accepted the case can read its parties a moment later; otherwise the town’s coordinator involves your agency with them in party-service.`,
        unseen,
      );
    }
    return found as PartyDetails[];
  }

  return {
    async generate(ctx, caseId, request, idempotencyKey) {
      // The checks of registering a document, in the same order: visibility (404), role (403), merged (409).
      const caseRecord = await cases.requireVisible(ctx, caseId);
      requireAnyRole(ctx.principal, UPLOADERS, 'add documents to a case');
      refuseIfMerged(caseRecord);
      const idempotency = idempotencyKey
        ? {
            scope: `${ctx.principal.staffId} POST /api/v1/cases/${caseRecord.id}/documents/generated`,
            key: idempotencyKey,
            requestHash: hashRequest(request),
          }
        : undefined;
      const replay = async (documentId: string, requestHash: string): Promise<CreateDocumentResult> => {
        if (requestHash !== idempotency?.requestHash) throw new IdempotencyKeyReusedError();
        const earlier = await deps.documents.find(caseRecord.id, documentId);
        if (!earlier) throw new NotFoundError('document', documentId);
        return { status: 201, body: toDocumentView(earlier), replayed: true };
      };
      // A retry repeats nothing: no party read (each reveal is audited in party-service), no second PDF.
      const claimed = idempotency && (await deps.documents.findClaim(idempotency));
      if (claimed) return replay(claimed.documentId, claimed.requestHash);

      const agreement = recordedAgreementOf(await deps.timeline(caseRecord.id));
      if (!agreement) throw new NoRecordedAgreementError();
      if (caseRecord.parties.length === 0) {
        throw new PartiesNotReadableError(
          'This case names no parties, and a document the parties sign must name them: add them to the case (PATCH the case’s parties) first.',
        );
      }
      // Before any party is read: a document that cannot be written must not have revealed anything.
      await deps.renderer.ensureFont();
      const details = await readParties(ctx, caseRecord.parties);
      const parties: DocumentParty[] = details.map((party, index) => ({
        ...party,
        role: caseRecord.parties[index]?.role ?? 'other',
      }));
      const facts: AgreementFacts = {
        caseId: caseRecord.id,
        disputeType: caseRecord.disputeType,
        summary: caseRecord.summary,
        amountInDispute: caseRecord.amountInDispute,
        parties,
        effectiveAt: agreement.effectiveAt,
        jointAgencyCount: agreement.jointAgencyCount,
        terms: request.terms,
        performance: request.performance,
      };
      const model =
        request.kind === 'mediation-agreement'
          ? buildMediationAgreement(facts)
          : buildConfirmationApplication({ ...facts, court: request.court, reason: request.reason });
      const bytes = await deps.renderer.render(model);

      // Bytes first, then the row that makes them a document: a crash in between leaves unnamed bytes nobody lists,
      // never a listed document without bytes.
      const id = newId();
      const key = documentKey(caseRecord.id, id);
      const digest = sha256Of(bytes);
      await deps.store.put(key, Readable.from([bytes]), digest);
      const actor = { staffId: ctx.principal.staffId, agencyId: ctx.principal.agencyId };
      const outcome = await deps.documents.createStored(
        {
          id,
          caseId: caseRecord.id,
          title: DOCUMENT_TITLES[request.kind],
          kind: STORED_KIND[request.kind],
          contentType: 'application/pdf',
          sizeBytes: digest.size,
          sha256: digest.sha256,
          uploadedBy: ctx.principal.staffId,
          agencyId: ctx.principal.agencyId,
        },
        actor,
        idempotency,
      );
      if (outcome.kind === 'replayed') {
        // A concurrent retry stored its document first: these bytes name no document.
        await deps.store.delete(key);
        return replay(outcome.documentId, outcome.requestHash);
      }

      const ids = disclosureOf(details, 'idNumber');
      // Who wrote which kind of document of which case; and, per field, the parties printed in full and those masked
      // (ids only: the numbers themselves never reach the trail). Recorded together: one group commit.
      await Promise.all([
        cases.audit(ctx, `case.document.generate.${request.kind}`, 'case', caseRecord.id),
        cases.audit(ctx, 'case.document.generate', 'document', id),
        ...REVEALABLE_FIELDS.flatMap((field) => {
          const disclosure = field === 'idNumber' ? ids : disclosureOf(details, field);
          const name = AUDIT_FIELD_NAMES[field];
          return [
            cases.auditList(ctx, `case.document.generate.${name}-revealed`, 'party', disclosure.revealed),
            cases.auditList(ctx, `case.document.generate.${name}-masked`, 'party', disclosure.masked),
          ];
        }),
      ]);
      deps.logger.info(
        {
          caseId: caseRecord.id,
          documentId: id,
          kind: request.kind,
          parties: details.length,
          idNumbersRevealed: ids.revealed.length,
          idNumbersMasked: ids.masked.length,
        },
        'document generated',
      );
      return { status: 201, body: toDocumentView(outcome.record), replayed: false };
    },
  };
}
