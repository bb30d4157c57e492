import { randomUUID } from 'node:crypto';
import {
  AGENCY_KINDS,
  CASE_OUTCOMES,
  DISPUTE_TYPES,
  LADDER_LEVELS,
  MISSED_CLOCKS,
  SOURCE_CHANNELS,
} from '@gongzhi/contracts';
import { type ClosedVocabulary, describeClosedVocabularies } from '@gongzhi/testing';

/** Each column the projection holds to a vocabulary of the contracts, with that vocabulary. */
const VOCABULARIES: ClosedVocabulary[] = [
  ['agencies', 'kind', AGENCY_KINDS],
  ['cases', 'dispute_type', DISPUTE_TYPES],
  ['cases', 'source', SOURCE_CHANNELS],
  ['cases', 'outcome', CASE_OUTCOMES],
  ['cases', 'closed_level', LADDER_LEVELS],
  ['cases', 'current_level', LADDER_LEVELS],
  ['cases', 'overdue_clock', MISSED_CLOCKS],
  ['level_visits', 'level', LADDER_LEVELS],
  ['case_day_tallies', 'dispute_type', DISPUTE_TYPES],
  // An opening's tally row has a blank level (the level is a key column).
  ['case_day_tallies', 'level', ['', ...LADDER_LEVELS]],
  ['deadline_misses', 'level', LADDER_LEVELS],
  ['deadline_misses', 'clock', MISSED_CLOCKS],
];

describe('columns that hold a word of the contracts’ vocabularies (statistics-service database)', () => {
  const pool = describeClosedVocabularies('statistics', VOCABULARIES);

  it('refuses a dispute type the code does not know, and lets a case with no level yet be', async () => {
    const insert = (disputeType: string) =>
      pool().query(
        `INSERT INTO cases (id, town_code, dispute_type, source, opened_at, status)
         VALUES ($1, 'qingshui', $2, 'walk-in', now(), 'open')`,
        [randomUUID(), disputeType],
      );
    await expect(insert('boundary-stones')).rejects.toMatchObject({
      code: '23514',
      constraint: 'cases_dispute_type_check',
    });
    await expect(insert('neighbour')).resolves.toBeDefined();
  });
});
