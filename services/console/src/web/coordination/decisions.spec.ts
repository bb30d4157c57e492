import { MAX_EXTEND_DAYS as ACTION_MAX_EXTEND_DAYS } from '@gongzhi/contracts';
import i18next, { type TFunction } from 'i18next';
import { common } from '../common/i18n/common';
import { caseStrings } from '../case/strings';
import {
  calendarDaysUntil,
  confirmationText,
  currentVisit,
  type DecisionContext,
  escalationTarget,
  extendChoice,
  extensionStart,
  levelExtension,
  MAX_EXTEND_DAYS,
  plannedRoute,
  reasonText,
  refusedAtThisLevel,
  resultText,
} from './decisions';
import { coordinationStrings } from './strings';

const KINDS = { L1: 'mediation-committee', L2: 'police-station', L3: 'judicial-office', L4: 'court' } as const;
const AGENCY = 'a9e00000-0000-4000-8000-000000000001';

async function translator(language: 'zh-CN' | 'en'): Promise<TFunction> {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng: language,
    resources: {
      [language]: {
        coordination: coordinationStrings[language],
        common: common[language],
        case: caseStrings[language],
      },
    },
    defaultNS: 'coordination',
    interpolation: { escapeValue: false },
  });
  return i18n.t;
}

function context(overrides: Partial<DecisionContext> = {}): DecisionContext {
  return {
    escalation: { kind: 'level', level: 'L3' },
    extension: { amount: 15, unit: 'working-days' },
    agencyKindOf: (level) => KINDS[level],
    agencyName: (id) => (id === AGENCY ? '下坝村人民调解委员会' : '其他单位'),
    ...overrides,
  };
}

const event = (type: string, details: Record<string, string | number | boolean | null | string[]> = {}) => ({
  type,
  details,
});

test('the form offers the extension the decide action accepts, no more', () => {
  expect(MAX_EXTEND_DAYS).toBe(ACTION_MAX_EXTEND_DAYS);
});

describe("a coordinator's decision", () => {
  it('escalates along the route the plan fixed; past its last level the case closes', () => {
    const timeline = [event('route-planned', { route: ['L2', 'L3', 'L4'], policyVersion: 3 })];
    const route = plannedRoute(timeline);
    expect(route).toEqual(['L2', 'L3', 'L4']);
    expect(escalationTarget(route, 'L2')).toEqual({ kind: 'level', level: 'L3' });
    expect(escalationTarget(route, 'L4')).toEqual({ kind: 'last' });
    expect(escalationTarget(route, 'L1')).toEqual({ kind: 'unknown' });
    expect(escalationTarget(plannedRoute([]), 'L2')).toEqual({ kind: 'unknown' });
  });

  it('reads only the current level: a refusal at an earlier level does not count', () => {
    const earlier = [event('transfer-requested', { level: 'L1' }), event('mediation-refused', { level: 'L1' })];
    expect(refusedAtThisLevel(earlier)).toBe(true);
    const now = [...earlier, event('escalated'), event('transfer-requested', { level: 'L2' })];
    expect(currentVisit(now)).toHaveLength(1);
    expect(refusedAtThisLevel(now)).toBe(false);
  });

  it('bounds an extension by the level under the policy, never past the workflow’s limit', () => {
    const decision = { reason: 'clock-expired' };
    const calendar = { amount: 15, unit: 'calendar-days' } as const;
    expect(extendChoice(decision, false, calendar)).toEqual({ allowed: true, maxDays: 15, ruleClock: calendar });
    // 10 working days span 14 calendar days (two weekends): the span is the bound once the calendar says so.
    const working = { amount: 10, unit: 'working-days' } as const;
    expect(extendChoice(decision, false, working)).toMatchObject({ maxDays: 10 });
    expect(extendChoice(decision, false, working, 14)).toMatchObject({ maxDays: 14 });
    expect(extendChoice(decision, false, { amount: 90, unit: 'calendar-days' })).toMatchObject({
      maxDays: MAX_EXTEND_DAYS,
    });
    expect(extendChoice(decision, false, undefined)).toEqual({
      allowed: true,
      maxDays: MAX_EXTEND_DAYS,
      ruleClock: null,
    });
  });

  it('offers no extension after a refusal (人民调解法 art. 17), nor where the policy grants none', () => {
    expect(extendChoice({ reason: 'refusal' }, false, { amount: 15, unit: 'calendar-days' })).toEqual({
      allowed: false,
      why: 'refusal',
    });
    expect(extendChoice({ reason: 'clock-expired' }, true, { amount: 15, unit: 'calendar-days' })).toEqual({
      allowed: false,
      why: 'refusal',
    });
    expect(extendChoice({ reason: 'failure' }, false, null)).toEqual({ allowed: false, why: 'not-in-policy' });
  });

  it("finds the level's extension in the town's ladder", () => {
    const ladder = [
      { level: 'L1' as const, agencyKind: 'mediation-committee', extension: null },
      { level: 'L2' as const, agencyKind: 'police-station', extension: { amount: 5, unit: 'working-days' as const } },
    ];
    expect(levelExtension(ladder, 'L1')).toBeNull();
    expect(levelExtension(ladder, 'L2')).toEqual({ amount: 5, unit: 'working-days' });
    expect(levelExtension(ladder, 'L3')).toBeUndefined();
    expect(levelExtension(undefined, 'L2')).toBeUndefined();
  });

  it('counts the calendar days of an extension from the town date it starts on', () => {
    // 2026-12-07T20:00Z is already 12-08 in the town.
    expect(calendarDaysUntil('2026-12-07T20:00:00.000Z', '2026-12-22')).toBe(14);
    expect(calendarDaysUntil('2026-12-07T10:00:00.000Z', '2026-12-22')).toBe(15);
    const now = Date.parse('2026-12-09T02:00:00.000Z');
    expect(extensionStart('2026-12-12T16:00:00.000Z', now)).toBe('2026-12-12T16:00:00.000Z');
    expect(extensionStart('2026-12-01T16:00:00.000Z', now)).toBe('2026-12-09T02:00:00.000Z');
    expect(extensionStart(null, now)).toBe('2026-12-09T02:00:00.000Z');
  });

  it('asks for confirmation in words that say what will happen', async () => {
    const t = await translator('zh-CN');
    expect(confirmationText({ kind: 'decide', decision: 'escalate' }, context(), t)).toBe(
      '将案件升级到三级（司法所）：本级调解结束，案件移交该级单位受理。',
    );
    expect(
      confirmationText({ kind: 'decide', decision: 'escalate' }, context({ escalation: { kind: 'last' } }), t),
    ).toBe('本级已是末级：升级即以调解不成结案，引导当事人依法起诉。');
    expect(confirmationText({ kind: 'decide', decision: 'extend', extendDays: 10 }, context(), t)).toContain(
      '本级调解期限延长 10 日',
    );
    expect(confirmationText({ kind: 'decide', decision: 'extend' }, context(), t)).toContain(
      '按本级规则延长 15 个工作日',
    );
    expect(
      confirmationText({ kind: 'decide', decision: 'close', closeReason: 'no-dispute-remaining' }, context(), t),
    ).toBe('以“纠纷已不存在”为由结案，案件不再调解。结案后不能撤销。');
    expect(confirmationText({ kind: 'decide-extension', approve: true }, context(), t)).toBe(
      '批准延期：本级调解期限延长 15 个工作日，调解员继续调解。',
    );
    expect(confirmationText({ kind: 'decide-extension', approve: false }, context(), t)).toContain('不批准延期');
    expect(confirmationText({ kind: 'reroute', toLevel: 'L1', agencyId: AGENCY }, context(), t)).toBe(
      '将案件重新移交到一级（村调委会），由下坝村人民调解委员会受理。',
    );
    expect(confirmationText({ kind: 'reroute', toLevel: 'L2' }, context(), t)).toBe(
      '将案件重新移交到二级（派出所），由该级原定单位受理。',
    );
    expect(confirmationText({ kind: 'close-case', reason: 'out-of-scope' }, context(), t)).toContain('不属调解范围');
  });

  it('asks in English too', async () => {
    const t = await translator('en');
    expect(confirmationText({ kind: 'decide', decision: 'escalate' }, context(), t)).toBe(
      'Escalate the case to Level 3 (Judicial office): mediation at this level ends and that level is asked to accept it.',
    );
    expect(confirmationText({ kind: 'decide-extension', approve: true }, context({ extension: undefined }), t)).toBe(
      "Approve: this level's clock is extended by the level's rule, and the mediator carries on.",
    );
  });

  it('says why the task waits and where the case stands after the decision', async () => {
    const t = await translator('zh-CN');
    expect(reasonText({ kind: 'decide-escalation', reason: 'clock-expired' }, t)).toBe('本级调解期限届满，尚未化解');
    expect(reasonText({ kind: 'handle-rejection', reason: 'not-our-jurisdiction' }, t)).toBe(
      '接收单位退回移交：不属本单位管辖',
    );
    expect(reasonText({ kind: 'handle-rejection', reason: 'village-without-committee' }, t)).toContain(
      '没有人民调解委员会',
    );
    expect(reasonText({ kind: 'approve-extension', reason: 'made-up' }, t)).toBe('未注明原因');
    expect(resultText({ level: 'L3', phase: 'transfer' }, t)).toBe('已提交，案件现处于三级 · 等待受理。');
    expect(resultText({ level: 'L4', phase: 'closed' }, t)).toBe('已提交，案件已结案。');
  });
});
