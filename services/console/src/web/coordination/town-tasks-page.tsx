import './i18n';
import './coordination.css';
import { Button, Empty, Select, Skeleton, Table, type TableColumnsType, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { Task } from '../common/api/client';
import { DISPUTE_TYPES, LEVELS } from '../common/api/vocabulary';
import { AgencyName, useDirectory, useVillageName } from '../common/queries/directory';
import { StaffName } from '../common/queries/staff';
import { useSession } from '../common/session/session';
import { formatDateTime } from '../common/ui/format';
import { ProblemAlert } from '../common/ui/problem';
import { DueTag, RiskTags } from '../common/ui/tags';
import { taskKindKey } from '../common/task-labels';
import { canAssign } from '../case/assign-task';
import { HandOver } from './hand-over';
import { useTownTasks } from './queries';
import {
  isFiltered,
  PRIORITIES,
  QUEUE_STATUSES,
  type SavedFilters,
  type SavedViewsControl,
  SORTS,
  TASK_KINDS,
  type TownTaskFilters,
  townFiltersOf,
  townParamsOf,
} from './town-filters';
import { TownTaskViews } from './town-task-views';

type Option = { value: string; label: string };

/** One labelled filter: the label is on screen and names the select for assistive technology too. */
function Filter({
  label,
  value,
  options,
  onChange,
  clearable = true,
  placeholder,
}: {
  label: string;
  value: string | undefined;
  options: Option[];
  onChange: (value: string | undefined) => void;
  clearable?: boolean;
  /** What an empty choice means, when it is not 全部 (the status: the API lists tasks not done yet). */
  placeholder?: string;
}) {
  const { t } = useTranslation('coordination');
  return (
    <label className="gz-filter">
      <span>{label}</span>
      <Select
        aria-label={label}
        value={value}
        placeholder={placeholder ?? t('town.any')}
        allowClear={clearable}
        showSearch={options.length > 10}
        optionFilterProp="label"
        popupMatchSelectWidth={false}
        onChange={(next?: string) => onChange(next)}
        options={options}
      />
    </label>
  );
}

const yesNo = (value: boolean | undefined) => (value === undefined ? undefined : String(value));
const fromYesNo = (value: string | undefined) => (value === undefined ? undefined : value === 'true');

/** Every filter the task API has, each one select, writing the page's address. */
function FilterBar({
  filters,
  onApply,
  savedViews: SavedViews,
}: {
  filters: TownTaskFilters;
  onApply: (filters: SavedFilters) => void;
  savedViews: SavedViewsControl | undefined;
}) {
  const { t } = useTranslation(['coordination', 'common']);
  const directory = useDirectory();
  const set = <K extends keyof TownTaskFilters>(key: K, value: TownTaskFilters[K] | undefined) => {
    const next: TownTaskFilters = { ...filters };
    if (value === undefined) delete next[key];
    else next[key] = value;
    onApply(next);
  };
  const yesNoOptions: Option[] = [
    { value: 'true', label: t('town.yes') },
    { value: 'false', label: t('town.no') },
  ];
  return (
    <div className="gz-town-filters" role="group" aria-label={t('town.filters')}>
      <Filter
        label={t('town.kind')}
        value={filters.kind}
        options={TASK_KINDS.map((kind) => ({ value: kind, label: t(`common:taskKinds.${kind}`) }))}
        onChange={(value) =>
          set(
            'kind',
            TASK_KINDS.find((kind) => kind === value),
          )
        }
      />
      <Filter
        label={t('town.agency')}
        value={filters.agencyId}
        options={(directory.data?.agencies ?? []).map((agency) => ({ value: agency.id, label: agency.name }))}
        onChange={(value) => set('agencyId', value)}
      />
      <Filter
        label={t('town.level')}
        value={filters.level}
        options={LEVELS.map((level) => ({ value: level, label: t(`common:levels.${level}`) }))}
        onChange={(value) =>
          set(
            'level',
            LEVELS.find((level) => level === value),
          )
        }
      />
      <Filter
        label={t('town.village')}
        value={filters.villageCode}
        options={(directory.data?.villages ?? []).map((village) => ({ value: village.code, label: village.name }))}
        onChange={(value) => set('villageCode', value)}
      />
      <Filter
        label={t('town.type')}
        value={filters.disputeType}
        options={DISPUTE_TYPES.map((type) => ({ value: type, label: t(`common:disputeTypes.${type}`) }))}
        onChange={(value) =>
          set(
            'disputeType',
            DISPUTE_TYPES.find((type) => type === value),
          )
        }
      />
      <Filter
        label={t('town.priority')}
        value={filters.priority}
        options={PRIORITIES.map((priority) => ({ value: priority, label: t(`town.priorities.${priority}`) }))}
        onChange={(value) =>
          set(
            'priority',
            PRIORITIES.find((priority) => priority === value),
          )
        }
      />
      <Filter
        label={t('town.overdue')}
        value={yesNo(filters.overdue)}
        options={yesNoOptions}
        onChange={(value) => set('overdue', fromYesNo(value))}
      />
      <Filter
        label={t('town.dueSoon')}
        value={yesNo(filters.dueSoon)}
        options={yesNoOptions}
        onChange={(value) => set('dueSoon', fromYesNo(value))}
      />
      <Filter
        label={t('town.status')}
        value={filters.status}
        placeholder={t('town.statuses.open')}
        options={QUEUE_STATUSES.map((status) => ({ value: status, label: t(`town.statuses.${status}`) }))}
        onChange={(value) =>
          set(
            'status',
            QUEUE_STATUSES.find((status) => status === value),
          )
        }
      />
      <Filter
        label={t('town.sort')}
        value={filters.sort}
        clearable={false}
        options={SORTS.map((sort) => ({ value: sort, label: t(`town.sorts.${sort}`) }))}
        onChange={(value) => set('sort', SORTS.find((sort) => sort === value) ?? 'due')}
      />
      {isFiltered(filters) ? <Button onClick={() => onApply({ sort: filters.sort })}>{t('town.clear')}</Button> : null}
      {/* Saved views (常用筛选): the lead's control goes here, given the filters in force and applying a saved set. */}
      {SavedViews ? <SavedViews filters={filters} onApply={onApply} /> : null}
    </div>
  );
}

function CaseCell({ task }: { task: Task }) {
  const { t } = useTranslation(['coordination', 'common']);
  const village = useVillageName(task.villageCode);
  const title = `${t(`common:disputeTypes.${task.disputeType}`)} · ${task.villageCode ? village : t('decisions.noVillage')}`;
  return (
    <>
      <Link to={`/cases/${task.caseId}`} aria-label={t('town.openCase', { title })}>
        {title}
      </Link>
      {task.risks.length > 0 ? (
        <div>
          <RiskTags risks={task.risks} />
        </div>
      ) : null}
    </>
  );
}

function DueCell({ task }: { task: Task }) {
  const { t, i18n } = useTranslation(['coordination', 'common']);
  if (task.status === 'open') return <DueTag clock={task.clock} />;
  return (
    <span>
      {t('town.closedAt', {
        status: t(`town.statuses.${task.status}`),
        date: formatDateTime(task.closedAt, i18n.language),
      })}
    </span>
  );
}

/**
 * 全镇任务: every agency's tasks in the town (`view=all`), filtered by everything the task API can filter on, the
 * filters kept in the address; each row opens its case, and an open task can be given to someone else of its agency
 * with a reason. `savedViews` is the place for a saved-views control (given the filters, applying others).
 */
export function TownTasksPage({ savedViews = TownTaskViews }: { savedViews?: SavedViewsControl } = {}) {
  const { t } = useTranslation(['coordination', 'common']);
  const { data: session } = useSession();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => townFiltersOf(params), [params]);
  // Through the address and back: whatever a saved view holds that this page does not know is dropped.
  const apply = ({ view: _view, sort = 'due', ...rest }: SavedFilters) =>
    setParams(townParamsOf(townFiltersOf(townParamsOf({ ...rest, sort }))), { replace: true });
  const tasks = useTownTasks(filters);
  const items = useMemo(() => tasks.data?.pages.flatMap((page) => page.items) ?? [], [tasks.data]);

  const titleOf = (task: Task) =>
    `${t(`common:taskKinds.${taskKindKey(task)}`)} · ${t(`common:disputeTypes.${task.disputeType}`)}`;
  const columns: TableColumnsType<Task> = [
    {
      key: 'task',
      title: t('town.columns.task'),
      render: (_, task) => (
        <>
          <strong>{t(`common:taskKinds.${taskKindKey(task)}`)}</strong>
          {task.level ? <div className="gz-muted">{t(`common:levels.${task.level}`)}</div> : null}
        </>
      ),
    },
    { key: 'case', title: t('town.columns.case'), render: (_, task) => <CaseCell task={task} /> },
    { key: 'agency', title: t('town.columns.agency'), render: (_, task) => <AgencyName id={task.agencyId} /> },
    {
      key: 'holder',
      title: t('town.columns.holder'),
      render: (_, task) =>
        task.assigneeStaffId ? (
          <StaffName id={task.assigneeStaffId} />
        ) : (
          <span className="gz-muted">{t('town.unheld')}</span>
        ),
    },
    { key: 'due', title: t('town.columns.due'), render: (_, task) => <DueCell task={task} /> },
    {
      key: 'priority',
      title: t('town.columns.priority'),
      render: (_, task) => t(`town.priorities.${task.priority}`),
    },
    {
      key: 'actions',
      title: t('town.columns.actions'),
      render: (_, task) =>
        task.status === 'open' && canAssign(task, session) ? <HandOver task={task} title={titleOf(task)} /> : null,
    },
  ];

  const body = () => {
    if (tasks.isPending) return <Skeleton active />;
    if (tasks.isError && items.length === 0) {
      return <ProblemAlert error={tasks.error} onReload={() => void tasks.refetch()} />;
    }
    if (items.length === 0) return <Empty description={t('town.empty')} />;
    return (
      <>
        {tasks.isError ? <ProblemAlert error={tasks.error} onReload={() => void tasks.refetch()} /> : null}
        <Table<Task>
          caption={
            <span className="gz-muted">
              {t('town.table')} · {t('town.shown', { count: items.length })}
            </span>
          }
          columns={columns}
          dataSource={items}
          rowKey="id"
          size="small"
          className="gz-town-table"
          pagination={false}
          scroll={{ x: 900 }}
        />
        {tasks.hasNextPage ? (
          <div className="gz-group-title">
            <Button onClick={() => void tasks.fetchNextPage()} loading={tasks.isFetchingNextPage}>
              {t('common:actions.loadMore')}
            </Button>
          </div>
        ) : null}
      </>
    );
  };

  return (
    <>
      <Typography.Title level={1}>{t('town.title')}</Typography.Title>
      <Typography.Paragraph className="gz-muted">{t('town.hint')}</Typography.Paragraph>
      <FilterBar filters={filters} onApply={apply} savedViews={savedViews} />
      <section aria-label={t('town.table')} aria-busy={tasks.isFetching}>
        {body()}
      </section>
    </>
  );
}
