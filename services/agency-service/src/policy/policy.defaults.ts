import type { PolicyDocument } from '@gongzhi/contracts';

/**
 * The default ladder of docs/domain.md, served as version 0 of a town that never stored a policy of its own. Clocks cite
 * the rule they come from, so a mediator can see why a deadline is what it is.
 */
export const DEFAULT_POLICY: PolicyDocument = {
  ladder: [
    {
      level: 'L1',
      agencyKind: 'mediation-committee',
      mediationClock: { amount: 30, unit: 'calendar-days' },
      extension: null,
      firstSessionWithin: null,
      rule: '人民调解：一般在一个月内调结',
    },
    {
      level: 'L2',
      agencyKind: 'police-station',
      mediationClock: { amount: 30, unit: 'calendar-days' },
      extension: { amount: 30, unit: 'calendar-days' },
      firstSessionWithin: { amount: 3, unit: 'working-days' },
      rule: '治安调解：受理后3个工作日内首次调解，办案期限30日，经批准可延长30日',
    },
    {
      level: 'L3',
      agencyKind: 'judicial-office',
      mediationClock: { amount: 30, unit: 'calendar-days' },
      extension: null,
      firstSessionWithin: null,
      rule: '司法所联合调解：一般30日',
    },
    {
      level: 'L4',
      agencyKind: 'court',
      mediationClock: { amount: 30, unit: 'calendar-days' },
      extension: { amount: 30, unit: 'calendar-days' },
      firstSessionWithin: null,
      rule: '人民法庭诉前调解：30日，经当事人同意可延长',
    },
  ],
  acceptance: {
    clock: { amount: 2, unit: 'working-days' },
    remindAtFraction: 0.5,
    rule: '移交受理：接收单位2个工作日内受理或说明理由退回，过半时提醒，逾期由综治中心督办（街乡吹哨、部门报到）',
  },
  followUp: {
    visitAfter: { amount: 15, unit: 'calendar-days' },
    confirmationWarningDays: 5,
    rule: '调解协议履行回访：协议生效后15日内回访；司法确认须在协议生效之日起30日内共同申请（人民调解法第三十三条）',
  },
  urgentRisk: {
    escalateAtOnce: true,
    rule: '有民转刑风险、群体性或涉重点人员的纠纷，期限届满未化解的立即上报，不待审批',
  },
  routing: [
    {
      id: 'risk-to-police',
      match: { anyRisk: ['violence-risk', 'group-dispute', 'key-person'] },
      startAt: 'L2',
      rule: '有民转刑风险、群体性纠纷或涉重点人员的，直接移交派出所',
    },
    {
      id: 'contract-debt-skips-police',
      match: { disputeTypes: ['contract-debt'] },
      skip: ['L2'],
      rule: '合同债务纠纷不属治安调解范围：村调委会 → 司法所 → 人民法庭',
    },
  ],
};
