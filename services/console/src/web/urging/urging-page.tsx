import './i18n';
import './urging.css';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Empty, Skeleton, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { caseApi, newIdempotencyKey, unwrap } from '../common/api/client';
import { useDirectory } from '../common/queries/directory';
import { TASK_COUNTS_KEY } from '../common/queries/task-counts';
import { formatDateTime } from '../common/ui/format';
import { ProblemError } from '../common/api/problem';
import { ProblemAlert, useProblemText } from '../common/ui/problem';
import { ToneTag } from '../common/ui/tags';
import {
  availabilityOf,
  keyFor,
  latenessTexts,
  type OverdueTransfer,
  outcomeOf,
  runAtMost,
  settleKey,
  shortId,
  summarise,
  type UrgeOutcome,
} from './urging';

const OVERDUE_TRANSFERS_KEY = ['overdue-transfers'] as const;
/** Urgings sent at once by "督办所选": each waits on the case's workflow, and an office connection is slow. */
const AT_ONCE = 3;
const PAGE_SIZE = 50;

/** A page of 50 overdue transfers at a time, most late first (the API's order and cursors). */
function useOverdueTransfers() {
  return useInfiniteQuery({
    queryKey: OVERDUE_TRANSFERS_KEY,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        caseApi.GET('/api/v1/overdue-transfers', {
          params: { query: { limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** A row's state on this page: an urging on its way, or what came of the last one. */
type RowState = 'sending' | UrgeOutcome;

/** The names the table shows, from the town directory read once per sign-in. */
function useNames() {
  const { t } = useTranslation(['urging', 'common']);
  const directory = useDirectory();
  return useMemo(() => {
    const villages = new Map(directory.data?.villages.map((village) => [village.code, village.name]));
    const agencies = new Map(directory.data?.agencies.map((agency) => [agency.id, agency.name]));
    return {
      village: (code: string | null) => (code ? (villages.get(code) ?? code) : ''),
      agency: (id: string) => agencies.get(id) ?? (directory.data ? t('common:people.otherAgency') : id),
    };
  }, [directory.data, t]);
}

function Lateness({ item }: { item: OverdueTransfer }) {
  const { t } = useTranslation('urging');
  const { primary, secondary } = latenessTexts(item);
  return (
    <>
      <div className="gz-urging-strong">{t(primary.key, primary.values)}</div>
      {secondary ? <div className="gz-muted">{t(secondary.key, secondary.values)}</div> : null}
    </>
  );
}

/** Why an urging was refused, in the page's words where the service's general ones would puzzle ("task out of date"). */
function useRefusalTitle() {
  const { t } = useTranslation('urging');
  const problemText = useProblemText();
  return (refusal: { error: unknown; title: string }): string => {
    // Refused before sending (no urging task open for the row): the page's own reason.
    if (refusal.error === undefined) return refusal.title;
    if (refusal.error instanceof ProblemError && refusal.error.slug === 'stale-task') return t('status.staleTask');
    return problemText(refusal.error).title || refusal.title;
  };
}

function RowStatus({ state }: { state: RowState | undefined }) {
  const { t } = useTranslation('urging');
  const refusalTitle = useRefusalTitle();
  if (state === undefined) return null;
  if (state === 'sending') return <div className="gz-muted">{t('status.sending')}</div>;
  if (state.status === 'urged') return <ToneTag tone="ok">{t('status.urged')}</ToneTag>;
  if (state.status === 'refused') {
    return <ToneTag tone="danger">{t('status.refused', { title: refusalTitle(state) })}</ToneTag>;
  }
  return <ToneTag tone="warning">{t('status.failed')}</ToneTag>;
}

/** 督办 on one row: the open urge-acceptance task's button, or why there is none (and when there will be). */
function UrgeCell({
  item,
  label,
  state,
  busy,
  onUrge,
}: {
  item: OverdueTransfer;
  label: string;
  state: RowState | undefined;
  busy: boolean;
  onUrge: () => void;
}) {
  const { t, i18n } = useTranslation('urging');
  const availability = availabilityOf(item);
  if (availability.canUrge) {
    return (
      <>
        <Button
          size="small"
          type="primary"
          onClick={onUrge}
          loading={state === 'sending'}
          disabled={busy && state !== 'sending'}
          aria-label={t('urgeLabel', { case: label })}
        >
          {t('urge')}
        </Button>
        <RowStatus state={state} />
      </>
    );
  }
  const next = availability.nextUrgeAt;
  const reason =
    next === null
      ? t('unavailable.none')
      : Date.parse(next) > Date.now()
        ? // Never urged yet: there is no "this urging" done to speak of, only when the first can be made.
          t(item.urgeCount === 0 ? 'unavailable.first' : 'unavailable.next', {
            date: formatDateTime(next, i18n.language),
          })
        : t('unavailable.soon');
  const hintId = `urging-hint-${item.task.id}`;
  return (
    <>
      {/* A disabled button takes no pointer events: the wrapper carries the tooltip. The reason is also written
          under it, for keyboard users (a disabled button takes no focus) and screen readers (described by it). */}
      <Tooltip title={reason}>
        <span className="gz-urging-disabled">
          <Button size="small" disabled aria-label={t('urgeLabel', { case: label })} aria-describedby={hintId}>
            {t('urge')}
          </Button>
        </span>
      </Tooltip>
      <div id={hintId} className="gz-muted gz-urging-hint">
        {reason}
      </div>
      <RowStatus state={state} />
    </>
  );
}

/**
 * The coordinators' 督办 page (issue 16): the town's transfers past their acceptance deadline, most late first, each
 * urged with one click or several at once (three at a time), every urging with an Idempotency-Key of its own.
 */
export function UrgingPage() {
  const { t, i18n } = useTranslation(['urging', 'common']);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const problemText = useProblemText();
  const refusalTitle = useRefusalTitle();
  const names = useNames();
  const transfers = useOverdueTransfers();
  const items = useMemo(() => transfers.data?.pages.flatMap((page) => page.items) ?? [], [transfers.data]);
  /** Selected rows, by their accept-transfer task. */
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [rows, setRows] = useState<ReadonlyMap<string, RowState>>(new Map());
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [lastRun, setLastRun] = useState<{ item: OverdueTransfer; outcome: UrgeOutcome }[] | null>(null);
  /** One Idempotency-Key per urge task, kept for a retry after a failure (see keyFor). */
  const keys = useRef(new Map<string, string>());
  const busy = progress !== null;

  const caseTitle = useCallback(
    (item: OverdueTransfer) =>
      [t(`common:disputeTypes.${item.disputeType}`), names.village(item.villageCode)].filter(Boolean).join(' · '),
    [names, t],
  );
  const setRow = (taskId: string, state: RowState) => setRows((previous) => new Map(previous).set(taskId, state));

  /** Sends record-urging to the row's open urge-acceptance task; never throws (the outcome says what happened). */
  const send = async (item: OverdueTransfer): Promise<UrgeOutcome> => {
    const availability = availabilityOf(item);
    if (!availability.canUrge) return { status: 'refused', error: undefined, title: t('unavailable.none') };
    const key = keyFor(keys.current, availability.taskId, newIdempotencyKey);
    setRow(item.task.id, 'sending');
    let outcome: UrgeOutcome;
    try {
      await unwrap(
        caseApi.POST('/api/v1/tasks/{id}/complete', {
          params: { path: { id: availability.taskId }, header: { 'idempotency-key': key } },
          body: { action: { kind: 'record-urging' } },
        }),
      );
      outcome = outcomeOf({ ok: true });
    } catch (error) {
      outcome = outcomeOf({ ok: false, error });
    }
    settleKey(keys.current, availability.taskId, outcome);
    setRow(item.task.id, outcome);
    return outcome;
  };

  /** The list, the task badges and any case page read before are out of date after an urging. */
  const refresh = () => {
    for (const queryKey of [OVERDUE_TRANSFERS_KEY, ['tasks'], ['case'], TASK_COUNTS_KEY]) {
      void queryClient.invalidateQueries({ queryKey });
    }
  };

  const urgeOne = async (item: OverdueTransfer) => {
    const outcome = await send(item);
    if (outcome.status === 'urged') void message.success(t('urged', { case: caseTitle(item) }));
    else if (outcome.status === 'refused') void message.error(t('status.refused', { title: refusalTitle(outcome) }), 6);
    else {
      const text = problemText(outcome.error);
      void message.error(t('common:labelled', { label: text.title, value: text.detail }), 6);
    }
    refresh();
  };

  const urgeSelected = async () => {
    const chosen = items.filter((item) => selected.has(item.task.id) && availabilityOf(item).canUrge);
    if (chosen.length === 0) return;
    setLastRun(null);
    setProgress({ done: 0, total: chosen.length });
    const outcomes = await runAtMost(chosen, AT_ONCE, async (item) => {
      const outcome = await send(item);
      setProgress((current) => current && { ...current, done: current.done + 1 });
      return outcome;
    });
    setLastRun(chosen.map((item, i) => ({ item, outcome: outcomes[i] ?? { status: 'failed', error: undefined } })));
    setSelected(new Set());
    setProgress(null);
    refresh();
  };

  const selectable = items.filter((item) => availabilityOf(item).canUrge);
  const allSelected = selectable.length > 0 && selectable.every((item) => selected.has(item.task.id));
  // A selected row urged meanwhile (from its own button) no longer counts.
  const selectedCount = selectable.filter((item) => selected.has(item.task.id)).length;
  const someSelected = selectedCount > 0;
  const toggle = (taskId: string, on: boolean) =>
    setSelected((previous) => {
      const next = new Set(previous);
      if (on) next.add(taskId);
      else next.delete(taskId);
      return next;
    });

  const columns: ColumnsType<OverdueTransfer> = [
    {
      key: 'select',
      // Text, not the select-all checkbox: the table copies its column titles into a hidden row that measures them,
      // and a checkbox there is focusable while hidden from screen readers. Select-all is in the bar above.
      title: t('table.select'),
      render: (_, item) => (
        <Checkbox
          aria-label={t('table.selectRow', { case: caseTitle(item) })}
          checked={selected.has(item.task.id)}
          disabled={busy || !availabilityOf(item).canUrge}
          onChange={(event) => toggle(item.task.id, event.target.checked)}
        />
      ),
    },
    {
      key: 'case',
      title: t('table.case'),
      render: (_, item) => (
        <Link
          to={`/cases/${item.caseId}`}
          aria-label={t('table.caseLink', { case: caseTitle(item), id: shortId(item.caseId) })}
        >
          {t('table.caseLabel', { id: shortId(item.caseId) })}
        </Link>
      ),
    },
    { key: 'agency', title: t('table.agency'), render: (_, item) => names.agency(item.task.agencyId) },
    {
      key: 'level',
      title: t('table.level'),
      render: (_, item) => (item.task.level ? t(`common:levels.${item.task.level}`) : t('table.none')),
    },
    { key: 'type', title: t('table.type'), render: (_, item) => t(`common:disputeTypes.${item.disputeType}`) },
    {
      key: 'village',
      title: t('table.village'),
      render: (_, item) => names.village(item.villageCode) || t('table.none'),
    },
    {
      key: 'deadline',
      title: t('table.deadline'),
      render: (_, item) => formatDateTime(item.task.dueAt, i18n.language),
    },
    { key: 'late', title: t('table.late'), render: (_, item) => <Lateness item={item} /> },
    {
      key: 'urgeCount',
      title: t('table.urgeCount'),
      render: (_, item) => t('table.urgeCountValue', { count: item.urgeCount }),
    },
    {
      key: 'lastUrged',
      title: t('table.lastUrged'),
      render: (_, item) => (item.lastUrgedAt ? formatDateTime(item.lastUrgedAt, i18n.language) : t('table.none')),
    },
    {
      key: 'action',
      title: t('table.action'),
      render: (_, item) => (
        <UrgeCell
          item={item}
          label={caseTitle(item)}
          state={rows.get(item.task.id)}
          busy={busy}
          onUrge={() => void urgeOne(item)}
        />
      ),
    },
  ];

  const counts = lastRun ? summarise(lastRun.map((entry) => entry.outcome)) : null;
  const statusText = (outcome: UrgeOutcome) =>
    outcome.status === 'urged'
      ? t('status.urged')
      : outcome.status === 'refused'
        ? t('status.refused', { title: refusalTitle(outcome) })
        : t('status.failed');

  return (
    <>
      <Typography.Title level={1}>{t('title')}</Typography.Title>
      <Typography.Paragraph>{t('intro')}</Typography.Paragraph>
      <Space wrap className="gz-urging-bar" role="group" aria-label={t('bulk.label')}>
        <Checkbox
          checked={allSelected}
          indeterminate={someSelected && !allSelected}
          disabled={busy || selectable.length === 0}
          onChange={(event) =>
            setSelected(event.target.checked ? new Set(selectable.map((item) => item.task.id)) : new Set())
          }
        >
          {t('table.selectAll')}
        </Checkbox>
        <span>{t('bulk.selected', { count: selectedCount })}</span>
        <Button
          type="primary"
          disabled={selectedCount === 0 || busy}
          loading={busy}
          onClick={() => void urgeSelected()}
        >
          {t('bulk.urgeSelected')}
        </Button>
        <Button disabled={selected.size === 0 || busy} onClick={() => setSelected(new Set())}>
          {t('bulk.clear')}
        </Button>
        <Button onClick={() => void transfers.refetch()} loading={transfers.isRefetching} disabled={busy}>
          {t('refresh')}
        </Button>
      </Space>
      <div aria-live="polite" className="gz-urging-progress">
        {progress ? t('bulk.running', progress) : null}
      </div>
      {lastRun && counts ? (
        <Alert
          className="gz-urging-results"
          type={counts.refused + counts.failed === 0 ? 'success' : 'warning'}
          showIcon
          role="status"
          closable
          onClose={() => setLastRun(null)}
          message={t('bulk.summary', counts)}
          description={
            <ul aria-label={t('bulk.results')} className="gz-urging-result-list">
              {lastRun.map(({ item, outcome }) => (
                <li key={item.task.id}>
                  <Link to={`/cases/${item.caseId}`}>{t('table.caseLabel', { id: shortId(item.caseId) })}</Link>{' '}
                  {t('bulk.result', {
                    case: caseTitle(item),
                    agency: names.agency(item.task.agencyId),
                    status: statusText(outcome),
                  })}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
      {transfers.isPending ? <Skeleton active /> : null}
      {transfers.isError ? <ProblemAlert error={transfers.error} onReload={() => void transfers.refetch()} /> : null}
      {transfers.isSuccess && items.length === 0 ? <Empty description={t('empty')} /> : null}
      {items.length > 0 ? (
        <Table<OverdueTransfer>
          aria-label={t('table.caption')}
          size="small"
          columns={columns}
          dataSource={items}
          rowKey={(item) => item.task.id}
          pagination={false}
          scroll={{ x: 'max-content' }}
        />
      ) : null}
      {transfers.hasNextPage ? (
        <Space className="gz-group-title">
          <Button onClick={() => void transfers.fetchNextPage()} loading={transfers.isFetchingNextPage}>
            {t('common:actions.loadMore')}
          </Button>
        </Space>
      ) : null}
    </>
  );
}
