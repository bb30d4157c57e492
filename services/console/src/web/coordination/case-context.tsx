import { Descriptions, List, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Task } from '../common/api/client';
import { AgencyName } from '../common/queries/directory';
import { ProblemAlert } from '../common/ui/problem';
import { DueTag } from '../common/ui/tags';
import { phaseKey, taskKindKey } from '../common/task-labels';
import { Ladder } from '../case/ladder';
import { useCase, useCaseTasks, usePolicy, useTimeline } from '../case/queries';
import { WorkingDaysLeft } from '../case/working-days';
import { clockText } from './decisions';

/** One running clock: what it is for, the working days left, the countdown, and the rule behind it. */
function ClockLine({ task }: { task: Task }) {
  const { t } = useTranslation(['coordination', 'common']);
  return (
    <List.Item>
      <div>
        <div className="gz-task-meta">
          <strong>{t(`common:taskKinds.${taskKindKey(task)}`)}</strong>
          {task.clock.dueAt ? <WorkingDaysLeft dueAt={task.clock.dueAt} /> : null}
          <DueTag clock={task.clock} />
        </div>
        {task.clock.rule ? (
          <div className="gz-muted">{t('common:labelled', { label: t('decisions.rule'), value: task.clock.rule })}</div>
        ) : null}
      </div>
    </List.Item>
  );
}

/**
 * The case beside a decision: where it stands on its ladder (the case page's own Ladder), its level's rule under the
 * town's policy, and every clock running on it, soonest first.
 */
export function CaseContext({ task, headingId }: { task: Task; headingId: string }) {
  const { t } = useTranslation(['coordination', 'common']);
  const caseQuery = useCase(task.caseId);
  const timeline = useTimeline(task.caseId);
  const caseTasks = useCaseTasks(task.caseId);
  const policy = usePolicy(caseQuery.data?.townCode);
  const heading = (
    <Typography.Title level={3} id={headingId}>
      {t('context.title')}
    </Typography.Title>
  );
  if (caseQuery.isPending) return <Skeleton active />;
  if (caseQuery.isError) {
    return (
      <>
        {heading}
        <ProblemAlert error={caseQuery.error} onReload={() => void caseQuery.refetch()} />
      </>
    );
  }
  const caseView = caseQuery.data;
  const open = (caseTasks.data?.items ?? [])
    .filter((item) => item.status === 'open' && item.clock.dueAt)
    .sort((a, b) => (a.clock.dueAt ?? '').localeCompare(b.clock.dueAt ?? ''));
  const { level, phase } = caseView.progress;
  const step = policy.data?.ladder.find((candidate) => candidate.level === level);
  const where = [level ? t(`common:levels.${level}`) : null, phase ? t(`common:phases.${phaseKey(phase, open)}`) : null]
    .filter(Boolean)
    .join(' · ');
  return (
    <>
      {heading}
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('context.where')}>{where || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('context.agency')}>
          {caseView.progress.agencyId ? <AgencyName id={caseView.progress.agencyId} /> : '—'}
        </Descriptions.Item>
      </Descriptions>
      {step ? (
        <Typography.Paragraph className="gz-muted">
          {t('context.levelRule', {
            clock: clockText(step.mediationClock, t),
            extension: step.extension
              ? t('context.extensionAllowed', { clock: clockText(step.extension, t) })
              : t('context.noExtension'),
          })}
        </Typography.Paragraph>
      ) : policy.data === null ? (
        <Typography.Paragraph className="gz-muted">{t('context.policyUnknown')}</Typography.Paragraph>
      ) : null}
      {timeline.isError ? <ProblemAlert error={timeline.error} onReload={() => void timeline.refetch()} /> : null}
      <Ladder caseView={caseView} timeline={timeline.data?.items ?? []} />
      <Typography.Title level={4}>{t('context.clocks')}</Typography.Title>
      {caseTasks.isError ? (
        <ProblemAlert error={caseTasks.error} onReload={() => void caseTasks.refetch()} />
      ) : (
        <List
          size="small"
          dataSource={open}
          rowKey="id"
          locale={{ emptyText: t('context.noClock') }}
          renderItem={(item) => <ClockLine task={item} />}
        />
      )}
    </>
  );
}
