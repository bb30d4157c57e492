/**
 * The case reads every case view is made of (`GET /api/v1/cases/:id`, and every action that answers with the case),
 * as plain SQL: one query for the case with its parties, one for the tasks of its view.
 *
 * Why not Prisma's query builder here: these two reads run on every case request, and the builder costs about three
 * times the database's own time for a one-row read (its query plan, argument and result mapping in JavaScript; the
 * README's Performance section has the measurement). Writes, transactions and the less frequent reads stay on Prisma.
 * The SQL is executed by whichever `SqlRows` the service is built with: the pg pool it shares with Prisma (main, and
 * the integration harness), or Prisma's `$queryRawUnsafe` where a test has only a Prisma client. The columns are cast
 * so both give the same JavaScript values (numeric as text, the parties as JSON).
 */
import type { Pool } from 'pg';
import type {
  CaseOutcome,
  CaseParty,
  CaseStatus,
  DisputePhase,
  DisputeType,
  HumanActionKind,
  LadderLevel,
  SourceChannel,
  TaskStatus,
} from '@gongzhi/contracts';
import type { PrismaClient } from '../generated/prisma/client';
import type { CaseRecord } from './cases.repository';
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

/** The case and its parties (oldest first), in one statement. */
export const CASE_BY_ID: Statement = {
  name: 'case-reads/case-by-id',
  text: `
  SELECT c.id, c.dispute_type, c.source, c.summary, c.town_code, c.village_code, c.status, c.reported_by,
         c.intake_agency_id, c.agency_ids, c.amount_in_dispute::text AS amount_in_dispute, c.risk_violence,
         c.risk_group, c.risk_key_person, c.risk_notes, c.merged_into_id, c.version, c.workflow_id, c.opened_at,
         c.progress_seq, c.current_level, c.current_agency_id, c.phase, c.outcome, c.awaited_action, c.next_deadline,
         coalesce((SELECT json_agg(json_build_object('partyId', p.party_id, 'role', p.role)
                                   ORDER BY p.added_at, p.party_id)
                   FROM case_parties p WHERE p.case_id = c.id), '[]'::json) AS parties
  FROM cases c
  WHERE c.id = $1::uuid`,
};

export interface CaseByIdRow {
  id: string;
  dispute_type: string;
  source: string;
  summary: string;
  town_code: string;
  village_code: string | null;
  status: string;
  reported_by: string | null;
  intake_agency_id: string | null;
  agency_ids: string[];
  amount_in_dispute: string | null;
  risk_violence: boolean;
  risk_group: boolean;
  risk_key_person: boolean;
  risk_notes: string | null;
  merged_into_id: string | null;
  version: number;
  workflow_id: string;
  opened_at: Date;
  progress_seq: number;
  current_level: string | null;
  current_agency_id: string | null;
  phase: string | null;
  outcome: string | null;
  awaited_action: string | null;
  next_deadline: Date | null;
  parties: { partyId: string; role: string }[];
}

/** The text columns only ever hold values the contracts validated on the way in. */
export function caseRecordOf(row: CaseByIdRow): CaseRecord {
  return {
    id: row.id,
    disputeType: row.dispute_type as DisputeType,
    source: row.source as SourceChannel,
    summary: row.summary,
    townCode: row.town_code,
    villageCode: row.village_code,
    status: row.status as CaseStatus,
    reportedBy: row.reported_by,
    intakeAgencyId: row.intake_agency_id,
    agencyIds: row.agency_ids,
    amountInDispute: row.amount_in_dispute,
    riskAssessment: {
      violenceRisk: row.risk_violence,
      groupDispute: row.risk_group,
      keyPerson: row.risk_key_person,
      ...(row.risk_notes === null ? {} : { notes: row.risk_notes }),
    },
    parties: row.parties.map((p) => ({ partyId: p.partyId, role: p.role as CaseParty['role'] })),
    mergedIntoId: row.merged_into_id,
    version: row.version,
    workflowId: row.workflow_id,
    openedAt: row.opened_at,
    progress: {
      seq: row.progress_seq,
      level: row.current_level as LadderLevel | null,
      agencyId: row.current_agency_id,
      phase: row.phase as DisputePhase | null,
      outcome: row.outcome as CaseOutcome | null,
      awaitedAction: row.awaited_action as HumanActionKind | null,
      nextDeadline: row.next_deadline,
    },
  };
}

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

export interface CaseReads {
  findById(id: string): Promise<CaseRecord | undefined>;
  viewTasks(caseId: string, level: LadderLevel | null): Promise<CaseTaskBrief[]>;
}

export function createCaseReads(rows: SqlRows): CaseReads {
  return {
    async findById(id) {
      const [row] = await rows<CaseByIdRow>(CASE_BY_ID, [id]);
      return row ? caseRecordOf(row) : undefined;
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
  };
}
