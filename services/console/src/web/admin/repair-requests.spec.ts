import i18next from 'i18next';
import {
  batchConfirmation,
  batchRepairOf,
  reasonProblem,
  repairConfirmation,
  repairRequestOf,
  type Sentence,
} from './repair-requests';
import { adminStrings } from './strings';

const TASK = '5aff0000-0000-4000-8000-00000000aa01';
const STAFF = '5aff0000-0000-4000-8000-000000000003';

async function sayer(language: 'zh-CN' | 'en') {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng: language,
    resources: { [language]: { admin: adminStrings[language] } },
    defaultNS: 'admin',
    interpolation: { escapeValue: false },
  });
  return ({ key, values }: Sentence) => {
    expect(i18n.exists(key)).toBe(true);
    return i18n.t(key, values);
  };
}

describe('a repair of one case', () => {
  it('sends the reason trimmed and only the fields of its kind', () => {
    const values = {
      reason: '  agency-service restored after the outage ',
      taskId: TASK,
      toStaffId: STAFF,
      amount: 5,
      unit: 'working-days' as const,
      activityId: '12',
      toEventId: 7,
    };
    expect(repairRequestOf({ ...values, kind: 'reassign-task' })).toEqual({
      kind: 'reassign-task',
      reason: 'agency-service restored after the outage',
      taskId: TASK,
      toStaffId: STAFF,
    });
    expect(repairRequestOf({ ...values, kind: 'resend-urging' })).toEqual({
      kind: 'resend-urging',
      reason: 'agency-service restored after the outage',
    });
    expect(repairRequestOf({ ...values, kind: 'extend-deadline' })).toMatchObject({ amount: 5, unit: 'working-days' });
    expect(repairRequestOf({ ...values, kind: 'retry-activity', activityId: '' })).toEqual({
      kind: 'retry-activity',
      reason: 'agency-service restored after the outage',
    });
    expect(repairRequestOf({ ...values, kind: 'reset', toEventId: null })).not.toHaveProperty('toEventId');
    expect(repairRequestOf({ kind: 'reopen-task', reason: 'row lost' })).toBeUndefined();
  });

  it('needs a reason of 5 to 500 characters, counted without the spaces around it', () => {
    expect(reasonProblem('   ')).toBe('required');
    expect(reasonProblem('  五个字原因 ')).toBeUndefined();
    expect(reasonProblem(' 三个字 ')).toBe('too-short');
    expect(reasonProblem('x'.repeat(501))).toBe('too-long');
  });

  it('is confirmed with a sentence naming the task, the person and the amount', async () => {
    const zh = await sayer('zh-CN');
    const en = await sayer('en');
    const reassign = repairConfirmation(
      { kind: 'reassign-task', reason: 'holder on leave', taskId: TASK, toStaffId: STAFF },
      { task: '调解 · 下坝村调委会', staff: '调解员 下坝' },
    );
    expect(zh(reassign)).toBe('将把任务“调解 · 下坝村调委会”改派给 调解员 下坝。');
    expect(en(reassign)).toBe('The task “调解 · 下坝村调委会” goes to 调解员 下坝.');
    const extend = repairConfirmation(
      { kind: 'extend-deadline', reason: 'parties abroad', taskId: TASK, amount: 10, unit: 'calendar-days' },
      { task: '受理移交 · 派出所' },
    );
    expect(zh(extend)).toBe('将把任务“受理移交 · 派出所”的期限延长 10 天（自然日）。');
    expect(zh(repairConfirmation({ kind: 'retry-activity', reason: 'service back' }, {}))).toContain('所有失败');
    expect(zh(repairConfirmation({ kind: 'reset', reason: 'bad deploy', toEventId: 42 }, {}))).toContain('事件 42');
    expect(zh(repairConfirmation({ kind: 'terminate', reason: 'duplicate case' }, {}))).toContain('不能撤销');
  });

  it('falls back to the ids when a name is not known', async () => {
    const zh = await sayer('zh-CN');
    expect(zh(repairConfirmation({ kind: 'reopen-task', reason: 'row lost', taskId: TASK }, {}))).toContain(TASK);
  });
});

describe('a repair batch', () => {
  it('says the repair without tasks (they come from the items), and nothing for a kind that needs none', () => {
    expect(batchRepairOf({ kind: 'extend-deadline', amount: 3, unit: 'working-days', taskId: TASK })).toEqual({
      kind: 'extend-deadline',
      amount: 3,
      unit: 'working-days',
    });
    expect(batchRepairOf({ kind: 'terminate', toStaffId: STAFF })).toEqual({ kind: 'terminate' });
    expect(batchRepairOf({ kind: 'reassign-task' })).toBeUndefined();
  });

  it('is confirmed with how many items it will repair, in both languages', async () => {
    const zh = await sayer('zh-CN');
    const en = await sayer('en');
    const sentence = batchConfirmation({ kind: 'extend-deadline', amount: 2, unit: 'working-days' }, 14, {});
    expect(zh(sentence)).toBe('将把 14 个任务的期限各延长 2 个工作日。');
    expect(en(sentence)).toBe('The deadlines of 14 task(s) each move 2 working day(s) later.');
    expect(zh(batchConfirmation({ kind: 'terminate' }, 3, {}))).toContain('3 个案件');
    expect(en(batchConfirmation({ kind: 'reassign-task', toStaffId: STAFF }, 2, { staff: '调解员 下坝' }))).toBe(
      '2 task(s) go to 调解员 下坝.',
    );
  });
});
