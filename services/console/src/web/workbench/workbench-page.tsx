import './i18n';
import { App, Button, Empty, List, Select, Skeleton, Space, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Task } from '../common/api/client';
import { isProblem } from '../common/api/problem';
import { staffNameIn, useStaffName } from '../common/queries/staff';
import { useTaskCounts } from '../common/queries/task-counts';
import { ProblemAlert, useProblemText } from '../common/ui/problem';
import { DueTag, type DueGroup, dueGroupOf, RiskTags } from '../common/ui/tags';
import { useDirectory, useVillageName, useVillages } from '../common/queries/directory';
import { useClaim, useTaskView, type View, VIEWS } from './queries';
import { DISPUTE_TYPES, LEVELS } from '../common/api/vocabulary';
import { taskKindKey } from '../common/task-labels';
import { TaskViewsControl } from '../task-views';
import { applySavedFilters, filtersOf, PRIORITIES, savedFiltersOf, SORTS, WORKBENCH_FILTERS } from './address-filters';

const GROUPS: DueGroup[] = ['overdue', 'soon', 'later'];

function TaskItem({ task, view }: { task: Task; view: View }) {
  const { t } = useTranslation(['workbench', 'common']);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const claim = useClaim();
  const problemText = useProblemText();
  const holder = useStaffName(task.assigneeStaffId);
  const directory = useDirectory();
  const claimIt = async (open: boolean) => {
    try {
      await claim.mutateAsync(task);
      void message.success(t('claimed', { kind: t(`common:taskKinds.${taskKindKey(task)}`) }));
      if (open) void navigate(`/cases/${task.caseId}`);
    } catch (error) {
      // A lost race says who won (when their name may be read), and the list reloads on its own.
      const holderId = isProblem(error, 409) ? (error.problem['holderStaffId'] as string | undefined) : undefined;
      // A colleague whose account is newer than the directory this page read: read it again once.
      const known = holderId ? staffNameIn(directory.data, holderId) : undefined;
      const name =
        (holderId && (known ?? staffNameIn((await directory.refetch()).data, holderId))) || t('common:people.someone');
      const text = problemText(error, { holder: name });
      void message.error(t('common:labelled', { label: text.title, value: text.detail }), 6);
    }
  };
  const title = `${t(`common:taskKinds.${taskKindKey(task)}`)} · ${t(`common:disputeTypes.${task.disputeType}`)}`;
  const actions =
    view === 'available'
      ? [
          <Button
            key="claim"
            onClick={() => void claimIt(false)}
            loading={claim.isPending}
            aria-label={t('common:labelled', { label: t('claim'), value: title })}
          >
            {t('claim')}
          </Button>,
          <Button
            key="claim-open"
            type="primary"
            onClick={() => void claimIt(true)}
            loading={claim.isPending}
            aria-label={t('common:labelled', { label: t('claimAndOpen'), value: title })}
          >
            {t('claimAndOpen')}
          </Button>,
        ]
      : [
          <Link
            key="open"
            to={`/cases/${task.caseId}`}
            aria-label={t('common:labelled', { label: t('open'), value: title })}
          >
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
              <VillageName code={task.villageCode} />
            </span>
            {task.assigneeStaffId ? <span>{t('heldBy', { name: holder })}</span> : null}
            {task.clock.rule ? <span className="gz-muted">{t('rule', { rule: task.clock.rule })}</span> : null}
          </div>
        }
      />
    </List.Item>
  );
}

function VillageName({ code }: { code: string | null }) {
  const { t } = useTranslation('workbench');
  const name = useVillageName(code);
  return <>{code ? name : t('noVillage')}</>;
}

/** Filters and order of the task lists, as the task API allows them; each choice is one labelled select. */
function FilterBar() {
  const { t } = useTranslation(['workbench', 'common']);
  const [params, setParams] = useSearchParams();
  const villages = useVillages();
  const set = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const select = (name: string, label: string, options: { value: string; label: string }[], allowClear = true) => (
    <label className="gz-filter">
      <span>{label}</span>
      <Select
        aria-label={label}
        // The order always has a value (the API's default, soonest due first); the filters read 全部 when unset.
        value={params.get(name) ?? (allowClear ? undefined : 'due')}
        placeholder={t('filters.any')}
        allowClear={allowClear}
        popupMatchSelectWidth={false}
        onChange={(value?: string) => set(name, value)}
        options={options}
      />
    </label>
  );
  return (
    <div className="gz-filters" role="group" aria-label={t('filters.title')}>
      {select(
        'type',
        t('filters.type'),
        DISPUTE_TYPES.map((type) => ({ value: type, label: t(`common:disputeTypes.${type}`) })),
      )}
      {select(
        'village',
        t('filters.village'),
        (villages.data ?? []).map((village) => ({ value: village.code, label: village.name })),
      )}
      {select(
        'level',
        t('filters.level'),
        LEVELS.map((level) => ({ value: level, label: t(`common:levels.${level}`) })),
      )}
      {select(
        'priority',
        t('filters.priority'),
        PRIORITIES.map((priority) => ({ value: priority, label: t(`filters.priorities.${priority}`) })),
      )}
      {select(
        'sort',
        t('filters.sort'),
        SORTS.map((sort) => ({ value: sort, label: t(`filters.sorts.${sort}`) })),
        false,
      )}
    </div>
  );
}

function TaskList({ view }: { view: View }) {
  const { t } = useTranslation('workbench');
  const [params] = useSearchParams();
  const filters = useMemo(() => filtersOf(params), [params]);
  const tasks = useTaskView(view, true, filters);
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
  const filters = useMemo(() => filtersOf(params), [params]);
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
      <TaskViewsControl
        filters={savedFiltersOf(active, filters)}
        supported={WORKBENCH_FILTERS}
        onApply={(saved) => {
          // The saved filters go into the address, as the filter bar's own choices do; its view becomes the tab.
          const applied = applySavedFilters(params, saved, available);
          if (applied.view) setChosen(applied.view);
          setParams(applied.params, { replace: true });
          return applied.left;
        }}
      />
      <FilterBar />
      <Tabs
        activeKey={active}
        onChange={(key) => {
          setChosen(key as View);
          const next = new URLSearchParams(params);
          next.set('view', key);
          setParams(next, { replace: true });
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
