/** Deciding possible duplicates (confirm: merge; dismiss: keep apart), and the list coordinators decide from. */
import { type CallContext, requireAnyRole } from '@gongzhi/auth';
import {
  type DecideDuplicateRequest,
  type DuplicateSuggestion,
  type DuplicateSuggestionFilters,
  Instant,
} from '@gongzhi/contracts';
import { decodeCursor, type Page, type PageQuery, toPage } from '@gongzhi/http';
import { z } from 'zod';
import { actorOf, audit, auditList, EDITORS, RESTRUCTURERS, visibleSuggestion } from './case-access';
import { closeMergedWorkflow, restructureRefusal } from './case-changes';
import { cursorMismatch } from './case-reading';
import type { CasesUseCaseDeps } from './cases.deps';
import { duplicateRefusal, type SuggestionScope, toSuggestionView } from './duplicate-suggestions';

// `s`: the status the cursor pages, so a cursor sent with another status starts no page in the middle of nowhere.
const SuggestionCursor = z.object({
  suggestedAt: Instant,
  id: z.string().uuid(),
  s: z.enum(['open', 'confirmed', 'dismissed']),
});

/**
 * Confirms a possible duplicate: its case is merged into the candidate (the merge route's merge, and its workflow
 * closed as merged). Whoever may correct both cases: their mediators and liaisons, coordinators, administrators.
 */
export async function confirmDuplicate(
  deps: Pick<CasesUseCaseDeps, 'repository' | 'workflows' | 'audit' | 'logger'>,
  ctx: CallContext,
  id: string,
  request: DecideDuplicateRequest,
): Promise<DuplicateSuggestion> {
  const suggestion = await visibleSuggestion(deps, ctx, id);
  requireAnyRole(ctx.principal, EDITORS, 'confirm possible duplicates');
  const result = await deps.repository.confirmDuplicate(id, request.reason, actorOf(ctx));
  if ('kind' in result) throw duplicateRefusal(result, id, (reason) => restructureRefusal(reason, suggestion.caseId));
  await audit(deps, ctx, 'duplicate.confirm', id, 'duplicate-suggestion');
  await audit(deps, ctx, 'case.merge', result.source.id);
  await audit(deps, ctx, 'case.absorb', result.target.id);
  await closeMergedWorkflow(deps, ctx, result.source, result.target.id);
  return toSuggestionView(result.suggestion);
}

/** Dismisses a possible duplicate: the cases stay apart. The same people as a confirmation. */
export async function dismissDuplicate(
  deps: Pick<CasesUseCaseDeps, 'repository' | 'audit'>,
  ctx: CallContext,
  id: string,
  request: DecideDuplicateRequest,
): Promise<DuplicateSuggestion> {
  const suggestion = await visibleSuggestion(deps, ctx, id);
  requireAnyRole(ctx.principal, EDITORS, 'dismiss possible duplicates');
  const result = await deps.repository.dismissDuplicate(id, request.reason, actorOf(ctx));
  if ('kind' in result) throw duplicateRefusal(result, id, (reason) => restructureRefusal(reason, suggestion.caseId));
  await audit(deps, ctx, 'duplicate.dismiss', id, 'duplicate-suggestion');
  return toSuggestionView(result);
}

/** A page of possible duplicates (coordinators: the town's; administrators: all), newest first. */
export async function listDuplicateSuggestions(
  deps: Pick<CasesUseCaseDeps, 'repository' | 'audit'>,
  ctx: CallContext,
  query: PageQuery & DuplicateSuggestionFilters,
): Promise<Page<DuplicateSuggestion>> {
  requireAnyRole(ctx.principal, RESTRUCTURERS, 'list possible duplicates');
  const status = query.status ?? 'open';
  const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor, SuggestionCursor);
  if (cursor && cursor.s !== status) throw cursorMismatch();
  const scope: SuggestionScope = ctx.principal.roles.includes('administrator')
    ? { kind: 'all' }
    : { kind: 'town', townCode: ctx.principal.townCode };
  const rows = await deps.repository.listDuplicateSuggestions(
    scope,
    status,
    query.limit + 1,
    cursor && { suggestedAt: cursor.suggestedAt, id: cursor.id },
  );
  const page = toPage(rows, query.limit, toSuggestionView, (row) => ({
    suggestedAt: row.suggestedAt.toISOString(),
    id: row.id,
    s: status,
  }));
  await auditList(
    deps,
    ctx,
    'duplicate-suggestion.list',
    'duplicate-suggestion',
    page.items.map((item) => item.id),
  );
  return page;
}
