import type { TransferHistory, TransferRejection, TransferRequest } from '../cases/case.model';
import { earlierRejectionsOf } from './earlier-rejections';

const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 1, minute));

function request(caseId: string, minute: number, toAgencyId: string): TransferRequest {
  return {
    caseId,
    at: at(minute),
    level: 'L1',
    toAgencyId,
    fromAgencyId: null,
    reason: 'intake',
    acceptBy: null,
    penaltyTrack: false,
  };
}

function rejection(caseId: string, minute: number, overrides: Partial<TransferRejection> = {}): TransferRejection {
  return { caseId, at: at(minute), agencyId: 'agency-a', level: 'L1', reason: 'not-our-jurisdiction', ...overrides };
}

describe('the earlier rejections of an inbox item', () => {
  it('lists the case’s own refusals, oldest first, as ids and codes', () => {
    const history: TransferHistory = {
      requests: [request('case-1', 0, 'agency-a'), request('case-1', 2, 'agency-b')],
      rejections: [
        rejection('case-1', 1),
        rejection('case-2', 1, { agencyId: 'agency-other', reason: 'other' }),
        rejection('case-1', 3, { agencyId: 'agency-b', level: 'L2', reason: 'wrong-agency-kind' }),
      ],
    };
    expect(earlierRejectionsOf('case-1', history)).toEqual([
      { agencyId: 'agency-a', level: 'L1', reason: 'not-our-jurisdiction', rejectedAt: at(1).toISOString() },
      { agencyId: 'agency-b', level: 'L2', reason: 'wrong-agency-kind', rejectedAt: at(3).toISOString() },
    ]);
  });

  it('is empty for a case nobody refused', () => {
    const history: TransferHistory = {
      requests: [request('case-1', 0, 'agency-a')],
      rejections: [rejection('case-2', 1)],
    };
    expect(earlierRejectionsOf('case-1', history)).toEqual([]);
  });

  it('keeps the latest refusals of a long run, still oldest first', () => {
    const rejections = Array.from({ length: 13 }, (_, i) => rejection('case-1', i, { agencyId: `agency-${i}` }));
    const listed = earlierRejectionsOf('case-1', { requests: [], rejections });
    expect(listed.map((r) => r.agencyId)).toEqual(Array.from({ length: 10 }, (_, i) => `agency-${i + 3}`));
    expect(earlierRejectionsOf('case-1', { requests: [], rejections }, 2).map((r) => r.agencyId)).toEqual([
      'agency-11',
      'agency-12',
    ]);
  });

  it('names the agency the case was sent to when the event has none, and skips a refusal nobody can be named for', () => {
    const history: TransferHistory = {
      requests: [request('case-1', 0, 'agency-a'), request('case-1', 5, 'agency-b')],
      rejections: [rejection('case-1', 1, { agencyId: null }), rejection('case-1', -1, { agencyId: null })],
    };
    expect(earlierRejectionsOf('case-1', history)).toEqual([expect.objectContaining({ agencyId: 'agency-a' })]);
  });

  it('reads a level or reason outside the vocabulary as unknown level and reason `other`, never free text', () => {
    const history: TransferHistory = {
      requests: [],
      rejections: [rejection('case-1', 1, { level: 'L9', reason: 'the police said no on the phone' })],
    };
    expect(earlierRejectionsOf('case-1', history)).toEqual([
      { agencyId: 'agency-a', level: null, reason: 'other', rejectedAt: at(1).toISOString() },
    ]);
  });
});
