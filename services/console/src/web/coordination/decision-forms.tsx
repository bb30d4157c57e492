import { App, Button, Form, InputNumber, Radio, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseSchemas, DisputeAction, Level, Task } from '../common/api/client';
import { CLOSE_REASONS, type CloseReason } from '../common/api/vocabulary';
import { useDirectory } from '../common/queries/directory';
import { RADIO_GROUP_ROLE } from '../common/ui/form-controls';
import { ProblemAlert, showFieldErrors } from '../common/ui/problem';
import { LEVEL_AGENCY_KIND } from '../case/ladder';
import { useCase, useCaseTasks, usePolicy, useTimeline } from '../case/queries';
import { actionFieldOf } from '../case/send-action';
import { HandleRejection } from '../case/task-actions';
import {
  calendarDaysUntil,
  clockText,
  confirmationText,
  type DecisionContext,
  escalationTarget,
  extendChoice,
  type ExtendChoice,
  extensionStart,
  levelExtension,
  levelText,
  plannedRoute,
  refusedAtThisLevel,
  resultText,
} from './decisions';
import { useDecide, useExtensionEnd } from './queries';

type Answer = CaseSchemas['CompleteTaskResponse'];

/** The start of the current hour: one instant per hour, so a query keyed on it is asked once an hour. */
function hourStart(): number {
  const now = new Date();
  now.setMinutes(0, 0, 0);
  return now.getTime();
}

/** What a decision needs to know about its case (see {@link useDecisionContext}). */
export interface DecisionInfo {
  context: DecisionContext;
  /** A party refused mediation at the level (人民调解法 art. 17). */
  refused: boolean;
  extend: ExtendChoice;
}

/**
 * Everything a decision on this task needs to know about its case, from the queries the case page uses (so opening
 * the case afterwards asks nothing again): the route ahead, the level's extension under the town's policy, whether a
 * party refused mediation at the level, and names. `info` is undefined until the case, its timeline and the policy
 * have been read.
 */
export function useDecisionContext(task: Task): { info: DecisionInfo | undefined; error: unknown } {
  const { t } = useTranslation(['coordination', 'common', 'case']);
  const caseQuery = useCase(task.caseId);
  const timeline = useTimeline(task.caseId);
  const caseTasks = useCaseTasks(task.caseId);
  const policy = usePolicy(caseQuery.data?.townCode);
  const directory = useDirectory();
  const events = timeline.data?.items ?? [];
  const level = caseQuery.data?.progress.level ?? task.level;
  // usePolicy answers null when the policy cannot be read: the extension is then not known (undefined).
  const ladder = policy.data?.ladder;
  const extension = levelExtension(ladder, level);
  const mediate = (caseTasks.data?.items ?? []).find((item) => item.kind === 'mediate' && item.status === 'open');
  const start = extensionStart(mediate?.clock.dueAt, hourStart());
  const end = useExtensionEnd(start, extension);
  const spanDays = end.data ? calendarDaysUntil(start, end.data.lastDay) : undefined;
  const error = caseQuery.error ?? timeline.error ?? undefined;
  if (caseQuery.isPending || timeline.isPending || (Boolean(caseQuery.data) && policy.isPending)) {
    return { info: undefined, error };
  }
  const refused = refusedAtThisLevel(events);
  const context: DecisionContext = {
    escalation: escalationTarget(plannedRoute(events), level),
    extension,
    agencyKindOf: (at: Level) => ladder?.find((step) => step.level === at)?.agencyKind ?? LEVEL_AGENCY_KIND[at],
    agencyName: (id: string) =>
      directory.data?.agencies.find((agency) => agency.id === id)?.name ?? t('common:people.otherAgency'),
  };
  return { info: { context, refused, extend: extendChoice(task, refused, extension, spanDays) }, error };
}

/** Asks whether to go ahead, in words that say what the action will do. */
function useConfirm(context: DecisionContext) {
  const { t } = useTranslation(['coordination', 'common', 'case']);
  const { modal } = App.useApp();
  return async (action: DisputeAction): Promise<boolean> => {
    const closing = action.kind === 'close-case' || (action.kind === 'decide' && action.decision === 'close');
    return modal.confirm({
      title: t('confirm.title'),
      content: confirmationText(action, context, t),
      okText: t('confirm.ok'),
      cancelText: t('common:actions.cancel'),
      okButtonProps: closing ? { danger: true } : {},
    });
  };
}

/**
 * Sends a decision once confirmed: says what became of the case, puts a refused field beside the form's field, and
 * leaves the problem on screen (the queue reloads by itself, so a task someone else decided meanwhile drops out).
 */
function useSubmitDecision(task: Task, context: DecisionContext, onDone: (result: string) => void) {
  const { t } = useTranslation(['coordination', 'common', 'case']);
  const { message } = App.useApp();
  const decide = useDecide(task);
  const confirm = useConfirm(context);
  const submit = async (action: DisputeAction, form: Parameters<typeof showFieldErrors>[0]) => {
    if (!(await confirm(action))) return;
    try {
      const answer: Answer = await decide.mutateAsync(action);
      const result = resultText(answer.state, t);
      void message.success(result);
      onDone(result);
    } catch (error) {
      showFieldErrors(form, error, actionFieldOf);
    }
  };
  return { decide, submit };
}

interface DecideValues {
  decision: 'escalate' | 'extend' | 'close';
  extendDays?: number | null;
  closeReason?: CloseReason;
}

interface FormProps {
  task: Task;
  info: DecisionInfo;
  /** Reload the queue (a problem's reload button). */
  onStale: () => void;
  /** The decision went through: what became of the case, in words. */
  onDone: (result: string) => void;
}

/** 决定升级: escalate to the next level of the route, extend the level's clock (within the policy), or close. */
function DecideEscalationForm({ task, info, onStale, onDone }: FormProps) {
  const { t } = useTranslation(['coordination', 'common', 'case']);
  const [form] = Form.useForm<DecideValues>();
  const decision = Form.useWatch('decision', form);
  const { context, extend } = info;
  const { decide, submit } = useSubmitDecision(task, context, onDone);
  const target = context.escalation;
  const escalateLabel =
    target.kind === 'level'
      ? t('decide.escalateTo', { target: levelText(target.level, context.agencyKindOf(target.level), t) })
      : target.kind === 'last'
        ? t('decide.escalateLast')
        : t('decide.escalate');
  const finish = (values: DecideValues) => {
    const action: DisputeAction =
      values.decision === 'extend'
        ? { kind: 'decide', decision: 'extend', ...(values.extendDays ? { extendDays: values.extendDays } : {}) }
        : values.decision === 'close'
          ? { kind: 'decide', decision: 'close', ...(values.closeReason ? { closeReason: values.closeReason } : {}) }
          : { kind: 'decide', decision: 'escalate' };
    void submit(action, form);
  };
  return (
    <Form form={form} layout="vertical" onFinish={finish}>
      {decide.isError ? <ProblemAlert error={decide.error} onReload={onStale} /> : null}
      <Form.Item
        label={t('decide.decision')}
        name="decision"
        rules={[{ required: true, message: t('decide.decisionRequired') }]}
        extra={
          extend.allowed ? undefined : t(extend.why === 'refusal' ? 'decide.extendRefused' : 'decide.extendNotInPolicy')
        }
      >
        <Radio.Group {...RADIO_GROUP_ROLE} aria-label={t('decide.decision')} className="gz-radio-list">
          <Radio value="escalate">{escalateLabel}</Radio>
          <Radio value="extend" disabled={!extend.allowed}>
            {t('decide.extend')}
          </Radio>
          <Radio value="close">{t('decide.close')}</Radio>
        </Radio.Group>
      </Form.Item>
      {decision === 'extend' && extend.allowed ? (
        <Form.Item
          label={t('decide.extendDays')}
          name="extendDays"
          extra={
            extend.ruleClock
              ? t('decide.extendDaysHint', { clock: clockText(extend.ruleClock, t), max: extend.maxDays })
              : t('decide.extendDaysHintUnknown', { max: extend.maxDays })
          }
          rules={[
            {
              validator: async (_rule, value: number | null | undefined) => {
                if (value === null || value === undefined) return;
                if (!Number.isInteger(value) || value < 1 || value > extend.maxDays) {
                  throw new Error(t('decide.extendDaysRange', { max: extend.maxDays }));
                }
              },
            },
          ]}
        >
          <InputNumber min={1} max={extend.maxDays} precision={0} />
        </Form.Item>
      ) : null}
      {decision === 'close' ? (
        <Form.Item
          label={t('decide.closeReason')}
          name="closeReason"
          rules={[{ required: true, message: t('decide.closeReasonRequired') }]}
        >
          <Radio.Group {...RADIO_GROUP_ROLE} aria-label={t('decide.closeReason')} className="gz-radio-list">
            {CLOSE_REASONS.map((reason) => (
              <Radio key={reason} value={reason}>
                {t(`case:closeReasons.${reason}`)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
      ) : null}
      <Button type="primary" htmlType="submit" loading={decide.isPending}>
        {t('decide.submit')}
      </Button>
    </Form>
  );
}

/** 审批延期: approve the mediator's request (the level's extension under its rule) or refuse it. */
function ApproveExtensionForm({ task, info, onStale, onDone }: FormProps) {
  const { t } = useTranslation(['coordination', 'common', 'case']);
  const [form] = Form.useForm<{ approve: boolean }>();
  const { context, refused } = info;
  const { decide, submit } = useSubmitDecision(task, context, onDone);
  const extension = context.extension;
  const note = refused
    ? t('extension.refused')
    : extension === null
      ? t('extension.notInPolicy')
      : extension
        ? t('extension.grants', { clock: clockText(extension, t) })
        : t('extension.grantsUnknown');
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={({ approve }) => void submit({ kind: 'decide-extension', approve }, form)}
    >
      {decide.isError ? <ProblemAlert error={decide.error} onReload={onStale} /> : null}
      <Typography.Paragraph>{note}</Typography.Paragraph>
      <Form.Item
        label={t('extension.decision')}
        name="approve"
        rules={[{ required: true, message: t('extension.decisionRequired') }]}
      >
        <Radio.Group {...RADIO_GROUP_ROLE} aria-label={t('extension.decision')} className="gz-radio-list">
          <Radio value={true} disabled={refused}>
            {t('extension.approve')}
          </Radio>
          <Radio value={false}>{t('extension.refuse')}</Radio>
        </Radio.Group>
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={decide.isPending}>
        {t('extension.submit')}
      </Button>
    </Form>
  );
}

/** 处理退回: the case page's own form (re-route to a level and agency, or close), each action confirmed first. */
function RejectionForm({ task, info, onStale, onDone }: FormProps) {
  const { t } = useTranslation(['coordination', 'common', 'case']);
  const confirm = useConfirm(info.context);
  return (
    <HandleRejection
      task={task}
      onStale={onStale}
      confirm={confirm}
      onDone={(answer) => onDone(resultText(answer.state, t))}
    />
  );
}

/** The form for a decision task, by its kind, once its case has been read. */
export function DecisionForm({ task, onStale, onDone }: Omit<FormProps, 'info'>) {
  const { info, error } = useDecisionContext(task);
  if (!info) return error ? <ProblemAlert error={error} onReload={onStale} /> : <Skeleton active />;
  const props = { task, info, onStale, onDone };
  switch (task.kind) {
    case 'decide-escalation':
      return <DecideEscalationForm {...props} />;
    case 'approve-extension':
      return <ApproveExtensionForm {...props} />;
    case 'handle-rejection':
      return <RejectionForm {...props} />;
    default:
      return null;
  }
}
