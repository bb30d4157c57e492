import { JOINT_DECLINE_RULES } from '@gongzhi/contracts';
import { caseStrings } from './strings';
import {
  confirmationDecidedOf,
  JOINT_DECLINE_CONSEQUENCES,
  jointAgenciesOf,
  signOffDeclinedOf,
} from './timeline-details';

const JUDICIAL_OFFICE = 'a9e00000-0000-4000-8000-000000000005';

describe("the timeline's joint mediation and judicial confirmation entries", () => {
  it('read a declined sign-off as the workflow records it: the agency, its reason and what the rule did', () => {
    expect(
      signOffDeclinedOf({
        level: 'L1',
        declinedFor: JUDICIAL_OFFICE,
        reason: 'facts-unverified',
        consequence: 'return-to-mediation',
        remaining: 0,
        rule: '联合调处：参与单位拒绝会签的，协议不生效，退回本级继续调解',
      }),
    ).toEqual({ agencyId: JUDICIAL_OFFICE, reason: 'facts-unverified', consequence: 'return-to-mediation' });
    expect(signOffDeclinedOf({ declinedFor: 7, reason: 'made-up', consequence: 'vanishes' })).toEqual({
      agencyId: null,
      reason: null,
      consequence: null,
    });
  });

  it('name every consequence the workflow records, in both languages', () => {
    expect([...JOINT_DECLINE_CONSEQUENCES].sort()).toEqual([...JOINT_DECLINE_RULES].sort());
    for (const language of ['zh-CN', 'en'] as const) {
      expect(Object.keys(caseStrings[language].jointDeclineConsequence).sort()).toEqual(
        [...JOINT_DECLINE_RULES].sort(),
      );
    }
  });

  it('read the agencies that joined and the ruling, or nothing when an entry does not say', () => {
    expect(jointAgenciesOf({ level: 'L1', agencyIds: [JUDICIAL_OFFICE] })).toEqual([JUDICIAL_OFFICE]);
    expect(jointAgenciesOf({ agencyIds: JUDICIAL_OFFICE })).toEqual([]);
    expect(confirmationDecidedOf({ confirmed: true })).toBe(true);
    expect(confirmationDecidedOf({ confirmed: false })).toBe(false);
    expect(confirmationDecidedOf({ confirmed: 'yes' })).toBeNull();
  });
});
