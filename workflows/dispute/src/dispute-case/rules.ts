/**
 * The workflow's clocks and pacing, and the statute texts it cites in tasks and timeline entries (the `rule` a
 * mediator reads).
 */
import type { ClockSpec, JointDeclineRule } from '@gongzhi/contracts/dispute';

export const URGE_AGAIN_CLOCK: ClockSpec = { amount: 1, unit: 'working-days' };

export const BLOCKED_RETRY_FIRST_MS = 60_000;

/** Every retry adds a dozen history events: six hours apart keeps a case blocked for months well within limits. */
export const BLOCKED_RETRY_MAX_MS = 6 * 3_600_000;

/** Who acts when a clock, not a person, moves the case. */
export const WORKFLOW_ACTOR = 'workflow';

/** The court decides on an application for judicial confirmation within 15 days of accepting it. */
export const CONFIRMATION_DECISION_CLOCK: ClockSpec = { amount: 15, unit: 'calendar-days' };

/** … and decides whether to accept it within 3 days of receiving it. */
export const CONFIRMATION_ACCEPTANCE_CLOCK: ClockSpec = { amount: 3, unit: 'calendar-days' };

export const CONFIRMATION_ACCEPTANCE_RULE = '人民法院收到司法确认申请，应当在三日内决定是否受理';

export const CONFIRMATION_DECISION_RULE = '人民法院应当自受理司法确认申请之日起十五日内作出是否确认的决定';

/** Coordinators decide within 2 working days, like an acceptance. */
export const DECISION_CLOCK: ClockSpec = { amount: 2, unit: 'working-days' };

/** A visit is due within 5 working days of falling due. */
export const VISIT_CLOCK: ClockSpec = { amount: 5, unit: 'working-days' };

export const REFUSAL_RULE = '人民调解法第十七条：当事人一方明确拒绝调解的，不得调解';

export const PENALTY_TRACK_RULE =
  '治安管理处罚法第九条：经调解达成协议但不履行的，公安机关应当依法对违反治安管理行为人给予处罚';

export const LITIGATION_RULE = '末级调解不成：引导当事人依法起诉，记录立案';

/** The consequence of a risk when the policy does not escalate risky cases at once. */
export const RISK_RULE = '纠纷出现民转刑、群体性或涉重点人员风险的，按本镇分级处置规则重新确定受理层级';

export const ROUTING_RULE =
  '属地管理：纠纷所在村（社区）无人民调解委员会或属地不明的，由镇综治中心指定受理单位，不得随意转交他村';

export const JOINT_RULE = '联合调处：各参与单位共同调处，调解协议经各单位会签后生效';

export const JOINT_DECLINE_RULE_TEXT: Record<JointDeclineRule, string> = {
  'proceed-without': '联合调处：参与单位拒绝会签的，协议经其余单位会签后生效，拒签理由记录在案',
  'return-to-mediation': '联合调处：参与单位拒绝会签的，协议不生效，退回本级继续调解',
};

export const CONFIRMATION_RULE =
  '人民调解法第三十三条：双方当事人可以自调解协议生效之日起三十日内共同向人民法院申请司法确认';

export const iso = (ms: number): string => new Date(ms).toISOString();
export const nowIso = (): string => iso(Date.now());
