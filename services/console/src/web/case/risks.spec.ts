import { carriedRisks, riskRaisedOf } from './risks';

const none = { riskAssessment: { violenceRisk: false, groupDispute: false, keyPerson: false } };

describe('the risks a case carries', () => {
  it('joins intake, the risks raised since and those its tasks carry, each once and in list order', () => {
    expect(carriedRisks(none, [], [])).toEqual([]);
    expect(
      carriedRisks(
        { riskAssessment: { violenceRisk: false, groupDispute: false, keyPerson: true } },
        [
          { type: 'session-recorded', details: { n: 1 } },
          { type: 'risk-raised', details: { flags: ['violence-risk'], consequence: 'moves', toLevel: 'L2' } },
        ],
        [{ risks: ['key-person', 'violence-risk'] }],
      ),
    ).toEqual(['violence-risk', 'key-person']);
    expect(carriedRisks(none, [], [{ risks: ['group-dispute'] }])).toEqual(['group-dispute']);
  });

  it("reads a risk-raised entry's details, dropping what it does not know", () => {
    expect(
      riskRaisedOf({
        flags: ['violence-risk', 'made-up'],
        source: 'case',
        byAgencyId: 'a9e00000-0000-4000-8000-000000000001',
        level: 'L1',
        consequence: 'moves',
        toLevel: 'L2',
        routingRules: [],
        rule: 'policy',
      }),
    ).toEqual({ flags: ['violence-risk'], source: 'case', consequence: 'moves', toLevel: 'L2' });
    expect(riskRaisedOf({ flags: ['key-person'], source: 'party', consequence: 'stays-not-back-to-sender' })).toEqual({
      flags: ['key-person'],
      source: 'party',
      consequence: 'stays-not-back-to-sender',
      toLevel: null,
    });
    expect(riskRaisedOf({ flags: 'violence-risk', consequence: 'vanishes', toLevel: 'L9' })).toEqual({
      flags: [],
      source: null,
      consequence: null,
      toLevel: null,
    });
  });
});
