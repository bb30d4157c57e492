import './i18n';
import './admin.css';
import { Alert, Button, Card, Col, Descriptions, Row, Skeleton, Table, type TableColumnsType, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useCase, useCaseTasks } from '../case/queries';
import { formatDateTime } from '../common/ui/format';
import { ProblemAlert } from '../common/ui/problem';
import { ToneTag, type Tone } from '../common/ui/tags';
import {
  awaitedKey,
  type CaseDiagnosis,
  type ClockView,
  clocksOf,
  type DiagnosedTask,
  diagnosisTone,
  tasksInOrder,
  temporalWorkflowUrl,
} from './diagnosis-view';
import { type Names, useNamesIn, useTownDirectory } from './directory';
import { shortId, stuckForText } from './format';
import { labelOr, levelLabel, taskKindLabel } from './labels';
import { useDiagnosis } from './queries';
import { RepairLogTable, RepairPanel } from './repairs';

type PendingActivity = CaseDiagnosis['pendingActivities'][number];
type AwaitedAction = CaseDiagnosis['actionsWithoutTask'][number];
type TimelineEntry = CaseDiagnosis['timeline'][number];

/** Where the console says Temporal's Web UI shows this namespace (see diagnosis-view.ts); empty when not told. */
function temporalUiAddress(): string | undefined {
  return document.querySelector<HTMLMetaElement>('meta[name="temporal-ui"]')?.content;
}

const AWAITED_TONES: Record<string, Tone> = {
  'diagnosis.awaited.yes': 'ok',
  'diagnosis.awaited.no': 'danger',
  'diagnosis.awaited.unknown': 'neutral',
};

function SectionCard({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <Card
      className="gz-group-title"
      title={
        <Typography.Title level={2} id={id}>
          {title}
        </Typography.Title>
      }
    >
      <section aria-labelledby={id}>{children}</section>
    </Card>
  );
}

/** Level, phase, agency, responsible staff, what blocks it, and its legal clocks. */
function WorkflowState({ diagnosis, names }: { diagnosis: CaseDiagnosis; names: Names }) {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const exists = (key: string) => i18n.exists(key);
  const state = diagnosis.state;
  if (!state) return <Typography.Paragraph>{t('diagnosis.stateUnknown')}</Typography.Paragraph>;
  const clocks = clocksOf(state.clocks);
  const columns: TableColumnsType<ClockView> = [
    {
      key: 'name',
      title: t('diagnosis.clock'),
      render: (_, clock) => labelOr(t, exists, `admin:diagnosis.clockNames.${clock.name}`, clock.name),
    },
    {
      key: 'startedAt',
      title: t('diagnosis.startedAt'),
      render: (_, clock) => formatDateTime(clock.startedAt, i18n.language),
    },
    { key: 'dueAt', title: t('diagnosis.dueAt'), render: (_, clock) => formatDateTime(clock.dueAt, i18n.language) },
    {
      key: 'expiredAt',
      title: t('diagnosis.expiredAt'),
      render: (_, clock) => formatDateTime(clock.expiredAt, i18n.language) || '—',
    },
    { key: 'rule', title: t('diagnosis.rule'), render: (_, clock) => clock.rule ?? '—' },
  ];
  return (
    <>
      {state.blocked ? (
        <Alert
          type="error"
          showIcon
          className="gz-group-title"
          message={`${t('diagnosis.blocked')}: ${state.blocked.activity}${state.blocked.type ? ` (${state.blocked.type})` : ''}`}
          description={
            <>
              <div>{state.blocked.message}</div>
              <div className="gz-muted">
                {t('diagnosis.blockedSince', {
                  since: formatDateTime(state.blocked.since, i18n.language),
                  retryAt: formatDateTime(state.blocked.retryAt, i18n.language),
                })}
              </div>
            </>
          }
        />
      ) : null}
      <Descriptions column={{ xs: 1, sm: 2 }} size="small">
        <Descriptions.Item label={t('diagnosis.level')}>
          {levelLabel(t, exists, state.level) || t('diagnosis.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('diagnosis.phase')}>
          {labelOr(t, exists, `common:phases.${state.phase}`, state.phase)}
        </Descriptions.Item>
        <Descriptions.Item label={t('diagnosis.agency')}>
          {names.agency(state.agencyId) || t('diagnosis.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('diagnosis.responsible')}>
          {names.staff(state.responsibleStaffId) || t('diagnosis.none')}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={3} className="gz-group-title">
        {t('diagnosis.clocks')}
      </Typography.Title>
      <Table<ClockView>
        aria-label={t('diagnosis.clocksCaption')}
        size="small"
        columns={columns}
        dataSource={clocks}
        rowKey="name"
        pagination={false}
        locale={{ emptyText: t('diagnosis.noClocks') }}
      />
    </>
  );
}

/** The failing workflow task, and the pending activities with their attempts and last failures. */
function Failures({ diagnosis }: { diagnosis: CaseDiagnosis }) {
  const { t, i18n } = useTranslation('admin');
  const task = diagnosis.workflowTask;
  const columns: TableColumnsType<PendingActivity> = [
    {
      key: 'type',
      title: t('diagnosis.activity'),
      render: (_, activity) => (
        <>
          <div>{activity.activityType}</div>
          <code className="gz-admin-id">{activity.activityId}</code>
        </>
      ),
    },
    {
      key: 'attempt',
      title: t('diagnosis.attempt'),
      render: (_, activity) =>
        activity.attempt > 1 ? <ToneTag tone="danger">{activity.attempt}</ToneTag> : activity.attempt,
    },
    { key: 'state', title: t('diagnosis.activityState'), dataIndex: 'state' },
    {
      key: 'scheduledAt',
      title: t('diagnosis.scheduledAt'),
      render: (_, activity) => formatDateTime(activity.scheduledAt ?? activity.lastStartedAt, i18n.language) || '—',
    },
    {
      key: 'lastFailure',
      title: t('diagnosis.lastFailure'),
      render: (_, activity) => (
        <span className="gz-admin-diagnosis">{activity.lastFailure ?? t('diagnosis.noFailure')}</span>
      ),
    },
  ];
  return (
    <>
      {task ? (
        <Alert
          type="error"
          showIcon
          className="gz-group-title"
          message={`${t('diagnosis.workflowTask')} · ${t('diagnosis.workflowTaskDetail', { attempt: task.attempt })}`}
          description={
            <>
              {task.cause ? (
                <div>{t('common:labelled', { label: t('diagnosis.cause'), value: task.cause })}</div>
              ) : null}
              <div>
                {t('common:labelled', {
                  label: t('diagnosis.lastFailure'),
                  value: task.message ?? t('diagnosis.noFailure'),
                })}
              </div>
              {task.since ? (
                <div className="gz-muted">
                  {t('diagnosis.since', { time: formatDateTime(task.since, i18n.language) })}
                </div>
              ) : null}
            </>
          }
        />
      ) : null}
      <Typography.Title level={3} className="gz-group-title">
        {t('diagnosis.activities')}
      </Typography.Title>
      <Table<PendingActivity>
        aria-label={t('diagnosis.activitiesCaption')}
        size="small"
        columns={columns}
        dataSource={diagnosis.pendingActivities}
        rowKey="activityId"
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('diagnosis.noActivities') }}
      />
    </>
  );
}

/** The open tasks, the ones the workflow no longer awaits first. */
function OpenTasks({ diagnosis, names }: { diagnosis: CaseDiagnosis; names: Names }) {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const exists = (key: string) => i18n.exists(key);
  const columns: TableColumnsType<DiagnosedTask> = [
    {
      key: 'task',
      title: t('diagnosis.task'),
      render: (_, task) => (
        <>
          <div>{taskKindLabel(t, exists, task.kind)}</div>
          <div className="gz-muted">{names.agency(task.agencyId)}</div>
        </>
      ),
    },
    {
      key: 'awaited',
      title: t('diagnosis.awaited.label'),
      render: (_, task) => {
        const key = awaitedKey(task.awaitedByWorkflow);
        return <ToneTag tone={AWAITED_TONES[key] ?? 'neutral'}>{t(key)}</ToneTag>;
      },
    },
    {
      key: 'assignee',
      title: t('diagnosis.assignee'),
      render: (_, task) => names.staff(task.assigneeStaffId) || t('diagnosis.unassigned'),
    },
    {
      key: 'openedAt',
      title: t('diagnosis.openedAt'),
      render: (_, task) => formatDateTime(task.openedAt, i18n.language),
    },
    {
      // The due date and how far past it in one column: the table fits its half of the page without scrolling.
      key: 'dueAt',
      title: t('diagnosis.dueAndOverdue'),
      render: (_, task) => {
        const overdue = task.overdueMs && task.overdueMs > 0 ? stuckForText(task.overdueMs) : undefined;
        return (
          <>
            <div>{formatDateTime(task.dueAt, i18n.language) || '—'}</div>
            {overdue ? (
              <ToneTag tone="danger">{t('diagnosis.overdueBy', { time: t(overdue.key, overdue.values) })}</ToneTag>
            ) : (
              <div className="gz-muted">{t('diagnosis.notOverdue')}</div>
            )}
          </>
        );
      },
    },
  ];
  return (
    <Table<DiagnosedTask>
      aria-label={t('diagnosis.tasksCaption')}
      size="small"
      columns={columns}
      dataSource={tasksInOrder(diagnosis.openTasks)}
      rowKey="id"
      pagination={false}
      locale={{ emptyText: t('diagnosis.noTasks') }}
    />
  );
}

function ActionsWithoutTask({ diagnosis, names }: { diagnosis: CaseDiagnosis; names: Names }) {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const exists = (key: string) => i18n.exists(key);
  const columns: TableColumnsType<AwaitedAction> = [
    { key: 'action', title: t('diagnosis.action'), render: (_, action) => taskKindLabel(t, exists, action.kind) },
    { key: 'actionId', title: t('diagnosis.actionId'), dataIndex: 'actionId' },
    { key: 'agency', title: t('diagnosis.agency'), render: (_, action) => names.agency(action.agencyId) },
  ];
  return (
    <>
      <Typography.Paragraph className="gz-muted">{t('diagnosis.actionsWithoutTaskHint')}</Typography.Paragraph>
      <Table<AwaitedAction>
        aria-label={t('diagnosis.actionsCaption')}
        size="small"
        columns={columns}
        dataSource={diagnosis.actionsWithoutTask}
        rowKey="actionId"
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('common:empty') }}
      />
    </>
  );
}

function Timeline({ diagnosis, names }: { diagnosis: CaseDiagnosis; names: Names }) {
  const { t, i18n } = useTranslation('admin');
  const columns: TableColumnsType<TimelineEntry> = [
    { key: 'at', title: t('diagnosis.at'), render: (_, entry) => formatDateTime(entry.at, i18n.language) },
    { key: 'type', title: t('diagnosis.eventType'), render: (_, entry) => <code>{entry.type}</code> },
    { key: 'actor', title: t('diagnosis.actor'), render: (_, entry) => names.staff(entry.actor) },
    { key: 'agency', title: t('diagnosis.agency'), render: (_, entry) => names.agency(entry.agencyId) || '—' },
  ];
  return (
    <Table<TimelineEntry>
      aria-label={t('diagnosis.timelineCaption')}
      size="small"
      columns={columns}
      dataSource={diagnosis.timeline}
      rowKey={(entry) => `${entry.at}|${entry.type}|${entry.actor}`}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('diagnosis.noTimeline') }}
    />
  );
}

/**
 * 案件诊断: why one case does not move — the one-line diagnosis first, then the workflow's state, what fails, the
 * open tasks (and whether the workflow still awaits them), the latest timeline, and the repairs with their log.
 */
export function CaseDiagnosisPage() {
  const { caseId = '' } = useParams();
  const { t, i18n } = useTranslation(['admin', 'common']);
  const exists = (key: string) => i18n.exists(key);
  const diagnosis = useDiagnosis(caseId);
  // The case's own record names its town (the directory to read names from) and its tasks, closed ones included.
  const caseRecord = useCase(caseId);
  const caseTasks = useCaseTasks(caseId);
  const directory = useTownDirectory(caseRecord.data?.townCode);
  const names = useNamesIn(directory.data);
  const title = (
    <Typography.Title level={1}>
      {t('diagnosis.title')} · {t('table.caseLabel', { id: shortId(caseId) })}
    </Typography.Title>
  );
  if (diagnosis.isPending) {
    return (
      <>
        {title}
        <Skeleton active />
      </>
    );
  }
  if (diagnosis.isError) {
    return (
      <>
        {title}
        <ProblemAlert error={diagnosis.error} onReload={() => void diagnosis.refetch()} />
      </>
    );
  }
  const found = diagnosis.data;
  const workflowUrl = temporalWorkflowUrl(temporalUiAddress(), found.workflowId);
  return (
    <>
      {title}
      <Alert
        type={diagnosisTone(found)}
        role="status"
        showIcon
        message={
          <>
            <span className="gz-muted">{t('diagnosis.diagnosis')}</span>
            <div className="gz-admin-diagnosis-line">{found.diagnosis}</div>
          </>
        }
      />
      {/* Below the verdict, not in it: links keep their contrast on the page's own background, whatever its tone. */}
      <div className="gz-admin-links">
        <Link to={`/cases/${found.caseId}`}>{t('diagnosis.openCase')}</Link>
        {workflowUrl ? (
          <a
            href={workflowUrl}
            target="_blank"
            rel="noopener noreferrer"
            aria-label={t('diagnosis.openWorkflowLabel', { id: found.workflowId })}
          >
            {t('diagnosis.openWorkflow')}
          </a>
        ) : null}
        <Button size="small" onClick={() => void diagnosis.refetch()} loading={diagnosis.isFetching}>
          {t('diagnosis.reload')}
        </Button>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <SectionCard id="diagnosis-overview" title={t('diagnosis.overview')}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('diagnosis.caseId')}>
                <code className="gz-admin-id">{found.caseId}</code>
              </Descriptions.Item>
              <Descriptions.Item label={t('diagnosis.workflowId')}>
                <code className="gz-admin-id">{found.workflowId}</code>
              </Descriptions.Item>
              <Descriptions.Item label={t('diagnosis.caseStatus')}>
                {labelOr(t, exists, `common:caseStatus.${found.caseStatus}`, found.caseStatus)}
              </Descriptions.Item>
              <Descriptions.Item label={t('diagnosis.workflowStatus')}>
                <code>{found.workflowStatus}</code>
              </Descriptions.Item>
            </Descriptions>
          </SectionCard>
          <SectionCard id="diagnosis-state" title={t('diagnosis.state')}>
            <WorkflowState diagnosis={found} names={names} />
          </SectionCard>
          <SectionCard id="diagnosis-failures" title={t('diagnosis.failing')}>
            <Failures diagnosis={found} />
          </SectionCard>
          <SectionCard id="diagnosis-tasks" title={t('diagnosis.tasks')}>
            <OpenTasks diagnosis={found} names={names} />
          </SectionCard>
          <SectionCard id="diagnosis-actions" title={t('diagnosis.actionsWithoutTask')}>
            <ActionsWithoutTask diagnosis={found} names={names} />
          </SectionCard>
          <SectionCard id="diagnosis-timeline" title={t('diagnosis.timeline')}>
            <Timeline diagnosis={found} names={names} />
          </SectionCard>
        </Col>
        <Col xs={24} lg={10}>
          <SectionCard id="diagnosis-repair" title={t('repairs.title')}>
            <RepairPanel
              caseId={caseId}
              diagnosis={found}
              names={names}
              directory={directory.data}
              caseTasks={caseTasks.data?.items}
            />
          </SectionCard>
          <SectionCard id="diagnosis-repair-log" title={t('repairs.log')}>
            <RepairLogTable caseId={caseId} names={names} />
          </SectionCard>
        </Col>
      </Row>
    </>
  );
}
