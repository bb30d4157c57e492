import type { Principal } from '@gongzhi/contracts';
import { partyFields } from './case-access';
import { newCaseFor } from './case-opening';

const gridWorker: Principal = {
  staffId: 'grid-1',
  agencyId: '0a9e0000-0000-4000-8000-000000000006',
  townCode: 'qingshui',
  roles: ['grid-worker'],
};

describe('the case intake stores', () => {
  it('is reported by the caller for their agency, with a workflow id derived from the case id', () => {
    const record = newCaseFor(
      gridWorker,
      {
        disputeType: 'neighbour',
        source: 'grid-report',
        summary: 'A leaning wall.',
        townCode: 'qingshui',
        villageCode: 'shangba',
      },
      'c0ffee00-0000-4000-8000-000000000001',
    );
    expect(record).toEqual({
      id: 'c0ffee00-0000-4000-8000-000000000001',
      disputeType: 'neighbour',
      source: 'grid-report',
      summary: 'A leaning wall.',
      townCode: 'qingshui',
      villageCode: 'shangba',
      reportedBy: 'grid-1',
      intakeAgencyId: '0a9e0000-0000-4000-8000-000000000006',
      agencyIds: ['0a9e0000-0000-4000-8000-000000000006'],
      // Nothing said is nothing at risk, and no party or amount yet.
      amountInDispute: null,
      riskAssessment: { violenceRisk: false, groupDispute: false, keyPerson: false },
      parties: [],
      workflowId: 'dispute-case-c0ffee00-0000-4000-8000-000000000001',
    });
  });

  it('names each party by its field, so a refusal says which to correct, skipping those already checked', () => {
    const parties = [
      { partyId: 'p-1', role: 'applicant' as const },
      { partyId: 'p-2', role: 'respondent' as const },
    ];
    expect(partyFields(parties)).toEqual([
      { path: 'parties.0.partyId', partyId: 'p-1' },
      { path: 'parties.1.partyId', partyId: 'p-2' },
    ]);
    expect(partyFields(parties, new Set(['p-1']))).toEqual([{ path: 'parties.1.partyId', partyId: 'p-2' }]);
  });
});
