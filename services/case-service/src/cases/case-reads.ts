/**
 * The case reads every case view is made of (`GET /api/v1/cases/:id`, and every action that answers with the case),
 * as plain SQL: one query for the case with its parties, one for the tasks of its view, one for its possible
 * duplicates.
 *
 * Why not Prisma's query builder here: these two reads run on every case request, and the builder costs about three
 * times the database's own time for a one-row read (its query plan, argument and result mapping in JavaScript; the
 * docs/performance.md has the measurement). Writes, transactions and the less frequent reads stay on Prisma.
 * The SQL is executed by whichever `SqlRows` the service is built with: the pg pool it shares with Prisma (main, and
 * the integration harness), or Prisma's `$queryRawUnsafe` where a test has only a Prisma client. The columns are cast
 * so both give the same JavaScript values (numeric as text, the parties as JSON), and named as Prisma's select names
 * them, so one mapping (`toRecord` in case-rows.ts) serves both.
 */
import type { Pool } from 'pg';
import type { HumanActionKind, LadderLevel, TaskStatus } from '@gongzhi/contracts';
import type { PrismaClient } from '../generated/prisma/client';
import type { CaseRecord } from './case.model';
import { type CaseFields, toRecord } from './case-rows';
import type { DuplicateSuggestionRecord } from './duplicate-suggestions';
import type { CaseTaskBrief } from './recorded-view';

/** A parameterised SQL statement ($1, $2, …) and the name it is prepared under on each connection. */
export interface Statement {
  name: string;
  text: string;
}

/** Runs one statement and gives its rows. */
export type SqlRows = <T>(statement: Statement, values: readonly unknown[]) => Promise<T[]>;

/**
 * On a pg pool, as a named prepared statement: each connection parses and plans it once, where an unnamed statement
 * is planned on every run (for the case read, planning cost four times the execution).
 */
export function sqlRowsOfPool(pool: Pick<Pool, 'query'>): SqlRows {
  return async <T>({ name, text }: Statement, values: readonly unknown[]) =>
    (await pool.query({ name, text, values: [...values] })).rows as T[];
}

export function sqlRowsOfPrisma(prisma: Pick<PrismaClient, '$queryRawUnsafe'>): SqlRows {
  return <T>({ text }: Statement, values: readonly unknown[]) => prisma.$queryRawUnsafe<T[]>(text, ...values);
}

/** The case and its parties (oldest first), in one statement, under the names Prisma's select gives them. */
export const CASE_BY_ID: Statement = {
  name: 'case-reads/case-by-id',
  text: `
  SELECT c.id, c.dispute_type AS "disputeType", c.source, c.summary, c.town_code AS "townCode",
         c.village_code AS "villageCode", c.status, c.reported_by AS "reportedBy",
         c.intake_agency_id AS "intakeAgencyId", c.agency_ids AS "agencyIds",
         c.amount_in_dispute::text AS "amountInDispute", c.risk_violence AS "riskViolence", c.risk_group AS "riskGroup",
         c.risk_key_person AS "riskKeyPerson", c.risk_notes AS "riskNotes", c.merged_into_id AS "mergedIntoId",
         c.version, c.workflow_id AS "workflowId", c.opened_at AS "openedAt", c.progress_seq AS "progressSeq",
         c.current_level AS "currentLevel", c.current_agency_id AS "currentAgencyId", c.phase, c.outcome,
         c.awaited_action AS "awaitedAction", c.next_deadline AS "nextDeadline",
         coalesce((SELECT json_agg(json_build_object('partyId', p.party_id, 'role', p.role)
                                   ORDER BY p.added_at, p.party_id)
                   FROM case_parties p WHERE p.case_id = c.id), '[]'::json) AS parties
  FROM cases c
  WHERE c.id = $1::uuid`,
};

/** The case's open tasks and its mediate tasks of a level ($2; null: none), on the (case_id, action_id) index. */
const VIEW_TASKS: Statement = {
  name: 'case-reads/view-tasks',
  text: `
  SELECT action_id AS "actionId", kind, level, agency_id AS "agencyId", assignee_staff_id AS "assigneeStaffId", status,
         opened_at AS "openedAt", due_at AS "dueAt"
  FROM tasks
  WHERE case_id = $1::uuid AND (status = 'open' OR (kind = 'mediate' AND level = $2::text))
  ORDER BY opened_at, action_id`,
};

/** The possible duplicates naming the case on either side, oldest first (on the case_id and candidate indexes). */
const DUPLICATE_SUGGESTIONS: Statement = {
  name: 'case-reads/duplicate-suggestions',
  text: `
  SELECT id, case_id AS "caseId", candidate_case_id AS "candidateCaseId", town_code AS "townCode",
         report_id AS "reportId", rule, evidence, status, suggested_at AS "suggestedAt", decided_at AS "decidedAt",
         decided_by AS "decidedBy", decided_by_agency_id AS "decidedByAgencyId", reason
  FROM duplicate_suggestions
  WHERE case_id = $1::uuid OR candidate_case_id = $1::uuid
  ORDER BY suggested_at, id`,
};

export interface CaseReads {
  findById(id: string): Promise<CaseRecord | undefined>;
  viewTasks(caseId: string, level: LadderLevel | null): Promise<CaseTaskBrief[]>;
  duplicateSuggestions(caseId: string): Promise<DuplicateSuggestionRecord[]>;
}

export function createCaseReads(rows: SqlRows): CaseReads {
  return {
    async findById(id) {
      const [row] = await rows<CaseFields>(CASE_BY_ID, [id]);
      return row ? toRecord(row) : undefined;
    },

    async viewTasks(caseId, level) {
      const tasks = await rows<
        Omit<CaseTaskBrief, 'kind' | 'level' | 'status'> & Record<'kind' | 'status', string> & { level: string | null }
      >(VIEW_TASKS, [caseId, level]);
      return tasks.map((task) => ({
        ...task,
        kind: task.kind as HumanActionKind,
        level: task.level as LadderLevel | null,
        status: task.status as TaskStatus,
      }));
    },

    async duplicateSuggestions(caseId) {
      // The columns hold only what the repositories wrote (the contracts' vocabulary); both runners give uuids as
      // strings, timestamps as Dates and the evidence as parsed JSON.
      return rows<DuplicateSuggestionRecord>(DUPLICATE_SUGGESTIONS, [caseId]);
    },
  };
}
