import { randomUUID } from 'node:crypto';
import {
  CASE_OUTCOMES,
  CaseStatus,
  DOCUMENT_KINDS,
  DocumentStatus,
  DUPLICATE_SUGGESTION_STATUSES,
  REPAIR_BATCH_STATUSES,
  REPAIR_KINDS,
  REPAIR_STATUSES,
  DISPUTE_PHASES,
  DISPUTE_TYPES,
  HUMAN_ACTION_KINDS,
  LADDER_LEVELS,
  makeDisputeWorkflowId,
  SOURCE_CHANNELS,
  TASK_STATUSES,
} from '@gongzhi/contracts';
import { type ClosedVocabulary, describeClosedVocabularies } from '@gongzhi/testing';

/** Each column the database holds to a vocabulary of the contracts, with that vocabulary. */
const VOCABULARIES: ClosedVocabulary[] = [
  ['cases', 'status', CaseStatus.options],
  ['cases', 'source', SOURCE_CHANNELS],
  ['cases', 'dispute_type', DISPUTE_TYPES],
  ['cases', 'current_level', LADDER_LEVELS],
  ['cases', 'phase', DISPUTE_PHASES],
  ['cases', 'outcome', CASE_OUTCOMES],
  ['reports', 'source', SOURCE_CHANNELS],
  ['reports', 'dispute_type', DISPUTE_TYPES],
  ['tasks', 'kind', HUMAN_ACTION_KINDS],
  ['tasks', 'level', LADDER_LEVELS],
  ['tasks', 'status', TASK_STATUSES],
  ['open_task_tallies', 'kind', HUMAN_ACTION_KINDS],
  ['case_watchers', 'level', LADDER_LEVELS],
  ['duplicate_suggestions', 'status', DUPLICATE_SUGGESTION_STATUSES],
  ['case_documents', 'kind', DOCUMENT_KINDS],
  ['case_documents', 'status', DocumentStatus.options],
  ['admin_repairs', 'kind', REPAIR_KINDS],
  ['admin_repairs', 'status', REPAIR_STATUSES],
  ['admin_repair_batches', 'kind', REPAIR_KINDS],
  ['admin_repair_batches', 'status', REPAIR_BATCH_STATUSES],
];

describe('columns that hold a word of the contracts’ vocabularies (case-service database)', () => {
  const pool = describeClosedVocabularies('case', VOCABULARIES);

  it('refuses a word the code does not know, and lets an unset level or phase be', async () => {
    const id = randomUUID();
    await pool().query(
      `INSERT INTO cases (id, dispute_type, source, summary, town_code, status, workflow_id, updated_at)
       VALUES ($1, 'neighbour', 'walk-in', 'A leaning wall.', 'qingshui', 'opening', $2, now())`,
      [id, makeDisputeWorkflowId(id)],
    );
    await expect(pool().query(`UPDATE cases SET status = 'archived' WHERE id = $1`, [id])).rejects.toMatchObject({
      code: '23514',
      constraint: 'cases_status_check',
    });
    await expect(pool().query(`UPDATE cases SET phase = 'negotiating' WHERE id = $1`, [id])).rejects.toMatchObject({
      constraint: 'cases_phase_check',
    });
    const { rows } = await pool().query<{ phase: string | null }>('SELECT phase FROM cases WHERE id = $1', [id]);
    expect(rows).toEqual([{ phase: null }]);
  });
});
