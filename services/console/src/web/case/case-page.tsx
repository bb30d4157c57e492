import './i18n';
import { Alert, Card, Col, Descriptions, Empty, List, Row, Skeleton, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Task } from '../common/api/client';
import { RISK_FLAGS } from '../common/api/vocabulary';
import { AgencyName, useVillageName } from '../common/queries/directory';
import { StaffName } from '../common/queries/staff';
import { hasRole, useSession } from '../common/session/session';
import { formatDateTime, formatYuan } from '../common/ui/format';
import { ProblemAlert } from '../common/ui/problem';
import { DueTag, RiskTags } from '../common/ui/tags';
import { Ladder } from './ladder';
import { JointMediation } from './joint-mediation';
import { CaseDocuments } from './documents';
import { CaseLink, DuplicateSuggestions } from './duplicates';
import { canAddDocuments, canRaiseRisk } from './permissions';
import { RaiseRisk } from './raise-risk';
import { carriedRisks } from './risks';
import { TaskNotes } from './notes';
import { useCase, useCaseTasks, useTimeline } from './queries';
import { PartyLine } from './parties';
import { CaseReports } from './reports';
import { canActOn, ConfirmationApplication, TaskActionPanel } from './task-actions';
import { CaseTimeline } from './timeline';
import { AssignTask, canAssign } from './assign-task';
import { WorkingDaysLeft } from './working-days';
import { phaseKey, taskKindKey } from '../common/task-labels';

/** The task's clock as the current legal deadline, with the rule it comes from. */
function CurrentClock({ tasks }: { tasks: Task[] }) {
  const { t } = useTranslation(['case', 'common']);
  const running = tasks
    .filter((task) => task.status === 'open' && task.clock.dueAt)
    .sort((a, b) => (a.clock.dueAt ?? '').localeCompare(b.clock.dueAt ?? ''));
  const first = running[0];
  if (!first) return <Typography.Paragraph>{t('noClock')}</Typography.Paragraph>;
  return (
    <>
      <div className="gz-task-meta">
        <strong>{t(`common:taskKinds.${taskKindKey(first)}`)}</strong>
        {first.clock.dueAt ? <WorkingDaysLeft dueAt={first.clock.dueAt} /> : null}
        <DueTag clock={first.clock} />
      </div>
      {first.clock.rule ? (
        <Typography.Paragraph className="gz-muted">{t('clockRule', { rule: first.clock.rule })}</Typography.Paragraph>
      ) : null}
    </>
  );
}

export function CasePage() {
  const { caseId = '' } = useParams();
  const { t, i18n } = useTranslation(['case', 'common']);
  const { data: session } = useSession();
  const queryClient = useQueryClient();
  const caseQuery = useCase(caseId);
  const village = useVillageName(caseQuery.data?.villageCode);
  const timeline = useTimeline(caseId);
  const tasks = useCaseTasks(caseId);
  const reload = () => void queryClient.invalidateQueries({ queryKey: ['case', caseId] });
  if (caseQuery.isPending) return <Skeleton active />;
  if (caseQuery.isError) return <ProblemAlert error={caseQuery.error} onReload={reload} />;
  const caseView = caseQuery.data;
  const taskItems = tasks.data?.items ?? [];
  const myMediate = taskItems.find(
    (task) => task.kind === 'mediate' && task.status === 'open' && task.assigneeStaffId === session?.staff.id,
  );
  const actionable = taskItems.filter((task) => canActOn(task, session));
  const openTasks = taskItems.filter((task) => task.status === 'open');
  const timelineItems = timeline.data?.items ?? [];
  const risks = carriedRisks(caseView, timelineItems, taskItems);
  return (
    <>
      <Typography.Title level={1}>
        {t('title')} · {t(`common:disputeTypes.${caseView.disputeType}`)}
      </Typography.Title>
      {caseView.status === 'merged' && caseView.mergedIntoId ? (
        <Alert
          type="info"
          role="status"
          showIcon
          className="gz-merged-into"
          message={
            <>
              {t('mergedInto')} <CaseLink id={caseView.mergedIntoId} />
            </>
          }
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={<Typography.Title level={2}>{t('header')}</Typography.Title>}>
            <Descriptions column={{ xs: 1, sm: 2 }} size="small">
              <Descriptions.Item label={t('type')}>
                {t(`common:disputeTypes.${caseView.disputeType}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('village')}>{village || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('amount')}>
                {formatYuan(caseView.amountInDispute, i18n.language) || '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('source')}>{t(`common:sources.${caseView.source}`)}</Descriptions.Item>
              <Descriptions.Item label={t('opened')}>
                {formatDateTime(caseView.openedAt, i18n.language)}
              </Descriptions.Item>
              <Descriptions.Item label={t('status')}>
                {t(`common:caseStatus.${caseView.status}`)}
                {caseView.progress.phase
                  ? ` · ${t(`common:phases.${phaseKey(caseView.progress.phase, openTasks)}`)}`
                  : ''}
              </Descriptions.Item>
              <Descriptions.Item label={t('risks')} span={2}>
                {risks.length > 0 ? <RiskTags risks={risks} /> : t('noRisks')}
              </Descriptions.Item>
              <Descriptions.Item label={t('parties')} span={2}>
                <div>
                  {caseView.parties.length === 0
                    ? '—'
                    : caseView.parties.map((party) => (
                        <PartyLine key={party.partyId} partyId={party.partyId} role={party.role} />
                      ))}
                </div>
              </Descriptions.Item>
              <Descriptions.Item label={t('summary')} span={2}>
                {caseView.summary}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <DuplicateSuggestions caseView={caseView} onStale={reload} />
          <Card className="gz-group-title" title={<Typography.Title level={2}>{t('ladder')}</Typography.Title>}>
            <Ladder caseView={caseView} timeline={timelineItems} />
            <Typography.Title level={3}>{t('clock')}</Typography.Title>
            <CurrentClock tasks={taskItems} />
          </Card>
          <JointMediation caseView={caseView} timeline={timelineItems} tasks={taskItems} onStale={reload} />
          {actionable.map((task) => (
            <Card
              key={task.id}
              className="gz-group-title"
              title={
                <Typography.Title level={2}>
                  {task.kind === 'mediate' ? t('actions') : t(`common:taskKinds.${taskKindKey(task)}`)}
                </Typography.Title>
              }
              extra={<DueTag clock={task.clock} />}
            >
              {task.kind === 'mediate' ? (
                <Typography.Paragraph className="gz-muted">{t('actionsHint')}</Typography.Paragraph>
              ) : null}
              <TaskActionPanel task={task} caseId={caseId} onStale={reload} />
            </Card>
          ))}
          {caseView.progress.phase === 'follow-up' &&
          (hasRole(session, 'mediator') || hasRole(session, 'liaison')) &&
          !taskItems.some((task) => task.kind === 'judicial-confirmation') ? (
            <Card
              className="gz-group-title"
              title={<Typography.Title level={2}>{t('confirmationApplication')}</Typography.Title>}
            >
              <ConfirmationApplication caseId={caseId} onStale={reload} />
            </Card>
          ) : null}
          {canRaiseRisk(session, caseView, taskItems) && risks.length < RISK_FLAGS.length ? (
            <Card className="gz-group-title" title={<Typography.Title level={2}>{t('raiseRisk')}</Typography.Title>}>
              {/* Mounted anew when the carried risks change: the ticked boxes are the form's initial values. */}
              <RaiseRisk
                key={risks.join()}
                caseId={caseId}
                carried={risks}
                level={caseView.progress.level}
                onStale={reload}
              />
            </Card>
          ) : null}
          <Card className="gz-group-title" title={<Typography.Title level={2}>{t('documents')}</Typography.Title>}>
            <CaseDocuments caseId={caseId} canAdd={canAddDocuments(session, caseView)} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={<Typography.Title level={2}>{t('tasks')}</Typography.Title>}>
            {tasks.isError ? <ProblemAlert error={tasks.error} onReload={reload} /> : null}
            <List
              size="small"
              dataSource={openTasks}
              rowKey="id"
              locale={{ emptyText: <Empty description={t('common:empty')} /> }}
              renderItem={(task) => (
                <List.Item>
                  <List.Item.Meta
                    title={t(`common:taskKinds.${taskKindKey(task)}`)}
                    description={
                      <div className="gz-task-meta">
                        <DueTag clock={task.clock} />
                        <span>
                          <AgencyName id={task.agencyId} />
                        </span>
                        {task.assigneeStaffId ? (
                          <span>
                            {t('taskHolder', { name: '' })}
                            <StaffName id={task.assigneeStaffId} />
                          </span>
                        ) : null}
                        {canAssign(task, session) ? <AssignTask task={task} onStale={reload} /> : null}
                      </div>
                    }
                  />
                </List.Item>
              )}
            />
          </Card>
          {myMediate ? (
            <Card className="gz-group-title" title={<Typography.Title level={2}>{t('notes')}</Typography.Title>}>
              <TaskNotes taskId={myMediate.id} />
            </Card>
          ) : null}
          <Card className="gz-group-title" title={<Typography.Title level={2}>{t('timeline')}</Typography.Title>}>
            {timeline.isError ? <ProblemAlert error={timeline.error} onReload={reload} /> : null}
            {timeline.isPending ? <Skeleton active /> : <CaseTimeline events={timelineItems} />}
          </Card>
          <Card className="gz-group-title" title={<Typography.Title level={2}>{t('reports')}</Typography.Title>}>
            <CaseReports caseId={caseId} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
