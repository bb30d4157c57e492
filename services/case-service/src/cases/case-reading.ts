/** Reading a case, its timeline, and the list of the cases a caller may see. */
import { type CallContext, requireAnyRole } from '@gongzhi/auth';
import {
  type CaseListFilters,
  type CaseSummary,
  type CaseView,
  Instant,
  type Principal,
  type TimelineEvent,
} from '@gongzhi/contracts';
import { AppError } from '@gongzhi/errors';
import { decodeCursor, type Page, type PageQuery, toPage } from '@gongzhi/http';
import { z } from 'zod';
import type { CaseListScope } from './case.model';
import { audit, auditList, readableCase } from './case-access';
import { caseListFilterOf, filterFingerprint } from './case-list';
import { summaryView, toView } from './case-views';
import type { CasesUseCaseDeps } from './cases.deps';

// Instant: a forged cursor's out-of-range date is a 400, never a database error. `f`: the fingerprint of the filters
// the cursor pages (none without filters).
const CaseCursor = z.object({ openedAt: Instant, id: z.string().uuid(), f: z.string().max(64).optional() });

/** A cursor used with other filters than those it was given with would skip or repeat cases: start again. */
export function cursorMismatch(): AppError {
  return new AppError(400, 'cursor-mismatch', 'The cursor belongs to other filters', {
    detail:
      'This cursor pages the list with other filters: send the filters it came with, or start again without `cursor`.',
    errors: [{ path: 'cursor', message: 'this cursor pages other filters' }],
  });
}

/** The cases a caller may list: the same rule as `canSee`, expressed as a query scope. */
export function listScopeOf(principal: Principal): CaseListScope {
  if (principal.roles.includes('administrator')) return { kind: 'all' };
  if (principal.roles.includes('coordinator')) return { kind: 'town', townCode: principal.townCode };
  return { kind: 'agency', agencyId: principal.agencyId };
}

/**
 * The case with its workflow view from the records (no Temporal call); `live` reads the workflow's state from
 * Temporal instead (administrators only).
 */
export async function getCase(
  deps: Pick<CasesUseCaseDeps, 'repository' | 'workflows' | 'audit'>,
  ctx: CallContext,
  id: string,
  options: { live?: boolean } = {},
): Promise<CaseView & { version: number }> {
  // Administrators only: a live read costs Temporal a describe and the worker a query it answers between the
  // workflows' own tasks, so a screen that polled it would load the engine it reads. Administrators need it to
  // diagnose a workflow (as the describe route does); everyone else reads the recorded view, which trails the
  // workflow by one activity at most, and an action's answer already carries the state it led to.
  if (options.live) requireAnyRole(ctx.principal, ['administrator'], 'read a workflow’s live state');
  const record = await readableCase(deps, ctx, id);
  // The read is on record before the answer leaves; the view's own reads need not wait for that commit.
  const [, view] = await Promise.all([audit(deps, ctx, 'case.read', id), toView(deps, record, options.live)]);
  return view;
}

/** A page of the cases the caller may list, narrowed by the filters (which never widen it), newest first. */
export async function listCases(
  deps: Pick<CasesUseCaseDeps, 'repository' | 'audit'>,
  ctx: CallContext,
  query: PageQuery & CaseListFilters,
): Promise<Page<CaseSummary>> {
  const filter = caseListFilterOf(query);
  const fingerprint = filterFingerprint(filter);
  const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor, CaseCursor);
  if (cursor && cursor.f !== fingerprint) throw cursorMismatch();
  const after = cursor && { openedAt: cursor.openedAt, id: cursor.id };
  // The caller's scope is always applied: the filters only narrow what they could list anyway.
  const rows = await deps.repository.list(listScopeOf(ctx.principal), query.limit + 1, after, filter);
  const result = toPage(rows, query.limit, summaryView, (row) => ({
    openedAt: row.openedAt.toISOString(),
    id: row.id,
    ...(fingerprint === undefined ? {} : { f: fingerprint }),
  }));
  await auditList(
    deps,
    ctx,
    'case.list',
    'case',
    result.items.map((item) => item.id),
  );
  return result;
}

/** The case's timeline, for whoever may read the case. */
export async function caseTimeline(
  deps: Pick<CasesUseCaseDeps, 'repository' | 'audit'>,
  ctx: CallContext,
  id: string,
): Promise<TimelineEvent[]> {
  await readableCase(deps, ctx, id);
  await audit(deps, ctx, 'case.timeline.read', id);
  return deps.repository.timeline(id);
}
