import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { CASE_SEARCH_ATTRIBUTES } from '../search-attributes';

/**
 * Typed keys for the search attributes in {@link CASE_SEARCH_ATTRIBUTES}. The workflow upserts them, case-service
 * sets the initial values at start, and administrators' tools filter on them.
 */
export const CaseSearchAttributes = {
  caseId: defineSearchAttributeKey('GongzhiCaseId', SearchAttributeType.KEYWORD),
  town: defineSearchAttributeKey('GongzhiTown', SearchAttributeType.KEYWORD),
  level: defineSearchAttributeKey('GongzhiLevel', SearchAttributeType.KEYWORD),
  phase: defineSearchAttributeKey('GongzhiPhase', SearchAttributeType.KEYWORD),
  agency: defineSearchAttributeKey('GongzhiAgency', SearchAttributeType.KEYWORD),
  awaitedAction: defineSearchAttributeKey('GongzhiAwaitedAction', SearchAttributeType.KEYWORD),
  nextDeadline: defineSearchAttributeKey('GongzhiNextDeadline', SearchAttributeType.DATETIME),
} as const;

// Compile-time guard: every typed key names an attribute in the registered list.
type KeyNames = (typeof CaseSearchAttributes)[keyof typeof CaseSearchAttributes]['name'];
const _everyKeyIsRegistered: Record<KeyNames, unknown> = CASE_SEARCH_ATTRIBUTES as Record<KeyNames, unknown>;
void _everyKeyIsRegistered;
