import './i18n';
import { App, Button, Empty, List, Skeleton, Space, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Task } from '../shared/api/client';
import { isProblem } from '../shared/api/problem';
import { staffName, useStaffName } from '../shared/queries/staff';
import { useTaskCounts } from '../shared/queries/task-counts';
import { ProblemAlert, useProblemText } from '../shared/ui/problem';
import { DueTag, type DueGroup, dueGroupOf, RiskTags } from '../shared/ui/tags';
import { useClaim, useTaskView, type View, VIEWS } from './queries';

const GROUPS: DueGroup[] = ['overdue', 'soon', 'later'];

function TaskItem({ task, view }: { task: Task; view: View }) {
  const { t } = useTranslation(['workbench', 'common']);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const claim = useClaim();
  const problemText = useProblemText();
  const holder = useStaffName(task.assigneeStaffId);
  const claimIt = async (open: boolean) => {
    try {
      await claim.mutateAsync(task);
      void message.success(t('claimed', { kind: t(`common:taskKinds.${task.kind}`) }));
      if (open) void navigate(`/cases/${task.caseId}`);
    } catch (error) {
      // A lost race says who won (when their name may be read), and the list reloads on its own.
      const holderId = isProblem(error, 409) ? (error.problem['holderStaffId'] as string | undefined) : undefined;
      const name = holderId ? ((await staffName(holderId)) ?? t('common:people.someone')) : t('common:people.someone');
      const text = problemText(error, { holder: name });
      void message.error(`${text.title}：${text.detail}`, 6);
    }
  };
  const title = `${t(`common:taskKinds.${task.kind}`)} · ${t(`common:disputeTypes.${task.disputeType}`)}`;
  const actions =
    view === 'available'
      ? [
          <Button
            key="claim"
            onClick={() => void claimIt(false)}
            loading={claim.isPending}
            aria-label={`${t('claim')}：${title}`}
          >
            {t('claim')}
          </Button>,
          <Button
            key="claim-open"
            type="primary"
            onClick={() => void claimIt(true)}
            loading={claim.isPending}
            aria-label={`${t('claimAndOpen')}：${title}`}
          >
            {t('claimAndOpen')}
          </Button>,
        ]
      : [
          <Link key="open" to={`/cases/${task.caseId}`} aria-label={`${t('open')}：${title}`}>
            {t('open')}
          </Link>,
        ];
  return (
    <List.Item actions={actions}>
      <List.Item.Meta
        title={<Link to={`/cases/${task.caseId}`}>{title}</Link>}
        description={
          <div className="gz-task-meta">
            <DueTag clock={task.clock} />
            <RiskTags risks={task.risks} />
            <span>
              {task.level ? `${t(`common:levels.${task.level}`)} · ` : ''}
              {task.villageCode ?? t('noVillage')}
            </span>
            {task.assigneeStaffId ? <span>{t('heldBy', { name: holder })}</span> : null}
            {task.clock.rule ? <span className="gz-muted">{t('rule', { rule: task.clock.rule })}</span> : null}
          </div>
        }
      />
    </List.Item>
  );
}

function TaskList({ view }: { view: View }) {
  const { t } = useTranslation('workbench');
  const tasks = useTaskView(view, true);
  const items = useMemo(() => tasks.data?.pages.flatMap((page) => page.items) ?? [], [tasks.data]);
  if (tasks.isPending) return <Skeleton active />;
  if (tasks.isError) return <ProblemAlert error={tasks.error} onReload={() => void tasks.refetch()} />;
  if (items.length === 0) return <Empty description={t('empty')} />;
  return (
    <>
      {GROUPS.map((group) => {
        const inGroup = items.filter((task) => dueGroupOf(task.clock) === group);
        if (inGroup.length === 0) return null;
        const headingId = `group-${view}-${group}`;
        return (
          <section key={group} aria-labelledby={headingId}>
            <Typography.Title level={3} id={headingId} className="gz-group-title">
              {t(`groups.${group}`)} <span className="gz-muted">{t('groupCount', { count: inGroup.length })}</span>
            </Typography.Title>
            <List
              bordered
              dataSource={inGroup}
              rowKey="id"
              renderItem={(task) => <TaskItem task={task} view={view} />}
            />
          </section>
        );
      })}
      {tasks.hasNextPage ? (
        <Space className="gz-group-title">
          <Button onClick={() => void tasks.fetchNextPage()} loading={tasks.isFetchingNextPage}>
            {t('common:actions.loadMore')}
          </Button>
        </Space>
      ) : null}
    </>
  );
}

/** The person's own work first: their tasks, or the ones waiting to be claimed when they hold none. */
export function WorkbenchPage() {
  const { t } = useTranslation('workbench');
  const counts = useTaskCounts();
  const [params, setParams] = useSearchParams();
  const [chosen, setChosen] = useState<View | undefined>(() => {
    const view = params.get('view');
    return (VIEWS as readonly string[]).includes(view ?? '') ? (view as View) : undefined;
  });
  const available = VIEWS.filter((view) => view !== 'team' || counts.data?.team !== null);
  const fallback: View =
    counts.data && counts.data.mine.total === 0 && counts.data.available.total > 0 ? 'available' : 'mine';
  const active = chosen ?? fallback;
  const label = (view: View) => {
    const count = counts.data?.[view];
    if (!count) return t(`views.${view}`);
    return count.overdue > 0
      ? t('tabLabelOverdue', { label: t(`views.${view}`), count: count.total, overdue: count.overdue })
      : t('tabLabel', { label: t(`views.${view}`), count: count.total });
  };
  return (
    <>
      <Typography.Title level={1}>{t('title')}</Typography.Title>
      <Tabs
        activeKey={active}
        onChange={(key) => {
          setChosen(key as View);
          setParams({ view: key }, { replace: true });
        }}
        items={available.map((view) => ({
          key: view,
          label: label(view),
          children: view === active ? <TaskList view={view} /> : null,
        }))}
      />
    </>
  );
}
