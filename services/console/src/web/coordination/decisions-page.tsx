import './i18n';
import '../case/i18n';
import './coordination.css';
import { Alert, Button, Card, Col, Empty, List, Radio, Row, Skeleton, Typography } from 'antd';
import { type RefObject, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { Task } from '../common/api/client';
import { useAgencyName, useVillageName } from '../common/queries/directory';
import { useStaffName } from '../common/queries/staff';
import { useSession } from '../common/session/session';
import { RADIO_GROUP_ROLE } from '../common/ui/form-controls';
import { ProblemAlert } from '../common/ui/problem';
import { DueTag, RiskTags } from '../common/ui/tags';
import { taskKindKey } from '../common/task-labels';
import { canActOn } from '../case/task-actions';
import { CaseContext } from './case-context';
import { DecisionForm } from './decision-forms';
import { reasonText } from './decisions';
import { useDecisionStream } from './queries';
import { DECISION_KINDS, type DecisionKind, isDecisionKind, mergeStreams } from './queue';

/** The three kinds' lists (only the chosen one when a kind is chosen), merged most urgent first. */
function useDecisionQueue(kind: DecisionKind | undefined) {
  const streams = [
    useDecisionStream('decide-escalation', !kind || kind === 'decide-escalation'),
    useDecisionStream('approve-extension', !kind || kind === 'approve-extension'),
    useDecisionStream('handle-rejection', !kind || kind === 'handle-rejection'),
  ].filter((_, index) => !kind || DECISION_KINDS[index] === kind);
  const pending = streams.some((stream) => stream.isPending);
  const error = streams.find((stream) => stream.isError)?.error;
  const loaded = streams.map((stream) => ({
    items: stream.data?.pages.flatMap((page) => page.items) ?? [],
    hasMore: stream.hasNextPage,
  }));
  const merged = mergeStreams(loaded);
  return {
    pending,
    error,
    fetching: streams.some((stream) => stream.isFetching),
    loadingMore: streams.some((stream) => stream.isFetchingNextPage),
    merged,
    /** Every task loaded, shown or held back: where a selected task is looked for. */
    loaded: loaded.flatMap((stream) => stream.items),
    loadMore: () => merged.toLoad.forEach((index) => void streams[index]?.fetchNextPage()),
    reload: () => streams.forEach((stream) => void stream.refetch()),
  };
}

function useTaskTitle(task: Task): string {
  const { t } = useTranslation(['coordination', 'common']);
  const village = useVillageName(task.villageCode);
  return t('decisions.caseOf', {
    type: `${t(`common:taskKinds.${taskKindKey(task)}`)} · ${t(`common:disputeTypes.${task.disputeType}`)}`,
    village: task.villageCode ? village : t('decisions.noVillage'),
  });
}

function QueueItem({ task, selected, onSelect }: { task: Task; selected: boolean; onSelect: () => void }) {
  const { t } = useTranslation(['coordination', 'common']);
  const holder = useStaffName(task.assigneeStaffId);
  const title = useTaskTitle(task);
  return (
    <List.Item
      className={selected ? 'gz-queue-selected' : undefined}
      actions={[
        <Button
          key="handle"
          type={selected ? 'primary' : 'default'}
          aria-pressed={selected}
          // The visible words first, then which task (the accessible name contains what is on the button).
          aria-label={t('common:labelled', {
            label: selected ? t('decisions.handling') : t('decisions.handle'),
            value: title,
          })}
          onClick={onSelect}
        >
          {selected ? t('decisions.handling') : t('decisions.handle')}
        </Button>,
      ]}
    >
      <List.Item.Meta
        title={title}
        description={
          <div className="gz-task-meta">
            <DueTag clock={task.clock} />
            <RiskTags risks={task.risks} />
            <span>{reasonText(task, t)}</span>
            {task.level ? <span>{t(`common:levels.${task.level}`)}</span> : null}
            {task.assigneeStaffId ? <span>{t('decisions.heldBy', { name: holder })}</span> : null}
          </div>
        }
      />
    </List.Item>
  );
}

/** Why the signed-in coordinator cannot act on a task shown in the queue. */
function NotYours({ task }: { task: Task }) {
  const { t } = useTranslation('coordination');
  const holder = useStaffName(task.assigneeStaffId);
  const agency = useAgencyName(task.agencyId);
  return (
    <Alert
      type="info"
      role="note"
      showIcon
      message={task.assigneeStaffId ? t('decisions.heldByOther', { name: holder }) : t('decisions.notOurs', { agency })}
    />
  );
}

/** The chosen task: why it is there and its rule, its form beside the case's ladder and clocks. */
function DecisionDetail({
  task,
  gone,
  onDone,
  onStale,
  headingRef,
}: {
  task: Task;
  gone: boolean;
  onDone: (result: string) => void;
  onStale: () => void;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const { t } = useTranslation(['coordination', 'common']);
  const { data: session } = useSession();
  const title = useTaskTitle(task);
  return (
    <Card>
      <Typography.Title level={2} id="decision-title" tabIndex={-1} ref={headingRef}>
        {title}
      </Typography.Title>
      <div className="gz-task-meta">
        <DueTag clock={task.clock} />
        <RiskTags risks={task.risks} />
        <Link
          to={`/cases/${task.caseId}`}
          aria-label={t('common:labelled', { label: t('decisions.openCase'), value: title })}
        >
          {t('decisions.openCase')}
        </Link>
      </div>
      <dl className="gz-decision-why">
        <dt>{t('decisions.why')}</dt>
        <dd>{reasonText(task, t)}</dd>
        {task.rule ? (
          <>
            <dt>{t('decisions.rule')}</dt>
            <dd>{task.rule}</dd>
          </>
        ) : null}
      </dl>
      {gone ? <Alert type="warning" role="status" showIcon message={t('decisions.gone')} /> : null}
      <Row gutter={[24, 16]} className="gz-group-title">
        <Col xs={24} md={12}>
          <section aria-labelledby="decision-form-title">
            <Typography.Title level={3} id="decision-form-title">
              {t('decisions.decisionFor')}
            </Typography.Title>
            {canActOn(task, session) ? (
              <DecisionForm task={task} onStale={onStale} onDone={onDone} />
            ) : (
              <NotYours task={task} />
            )}
          </section>
        </Col>
        <Col xs={24} md={12}>
          <section aria-labelledby="decision-context-title">
            <CaseContext task={task} headingId="decision-context-title" />
          </section>
        </Col>
      </Row>
    </Card>
  );
}

type KindFilter = DecisionKind | 'all';

/**
 * 待决事项: the town's decisions waiting for its coordinators — whether to escalate (a clock ran out, mediation failed,
 * a party refused, the mediator asked early), requests for more time, transfers sent back — most urgent first. The
 * chosen one shows its form beside the case's ladder and clocks; each decision says what it will do and asks first.
 */
export function DecisionsPage() {
  const { t } = useTranslation(['coordination', 'common']);
  const [params, setParams] = useSearchParams();
  const kindParam = params.get('kind');
  const kind = isDecisionKind(kindParam) ? kindParam : undefined;
  const selectedId = params.get('task');
  const queue = useDecisionQueue(kind);
  // The task as it was when chosen: it stays on screen (with its problem) if the list drops it meanwhile.
  const [snapshot, setSnapshot] = useState<Task>();
  const [lastResult, setLastResult] = useState<string>();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusNext = useRef(false);
  const current = useMemo(() => queue.loaded.find((task) => task.id === selectedId), [queue.loaded, selectedId]);
  const selected = current ?? (snapshot?.id === selectedId ? snapshot : undefined);
  // A chosen decision's heading takes the focus once it is on screen: keyboard and screen-reader users land on it.
  useEffect(() => {
    if (!focusNext.current || !selected) return;
    focusNext.current = false;
    headingRef.current?.focus();
  }, [selected]);

  const setParam = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const select = (task: Task) => {
    setSnapshot(task);
    setLastResult(undefined);
    setParam('task', task.id);
    focusNext.current = true;
  };
  const done = (result: string) => {
    setLastResult(result);
    setSnapshot(undefined);
    setParam('task', undefined);
  };

  const queueBody = () => {
    if (queue.pending) return <Skeleton active />;
    if (queue.error && queue.loaded.length === 0) return <ProblemAlert error={queue.error} onReload={queue.reload} />;
    if (queue.merged.items.length === 0 && queue.merged.toLoad.length === 0) {
      return <Empty description={t('decisions.empty')} />;
    }
    return (
      <>
        {queue.error ? <ProblemAlert error={queue.error} onReload={queue.reload} /> : null}
        <List
          bordered
          aria-label={t('decisions.queue')}
          dataSource={queue.merged.items}
          rowKey="id"
          renderItem={(task) => (
            <QueueItem task={task} selected={task.id === selectedId} onSelect={() => select(task)} />
          )}
        />
        {queue.merged.toLoad.length > 0 ? (
          <div className="gz-group-title">
            <Button onClick={queue.loadMore} loading={queue.loadingMore}>
              {t('common:actions.loadMore')}
            </Button>
          </div>
        ) : null}
      </>
    );
  };

  return (
    <>
      <Typography.Title level={1}>{t('decisions.title')}</Typography.Title>
      <Typography.Paragraph className="gz-muted">{t('decisions.hint')}</Typography.Paragraph>
      <Radio.Group
        optionType="button"
        {...RADIO_GROUP_ROLE}
        aria-label={t('decisions.kindFilter')}
        value={kind ?? 'all'}
        onChange={(event) => {
          const value = event.target.value as KindFilter;
          setParam('kind', value === 'all' ? undefined : value);
        }}
        options={[
          { value: 'all', label: t('decisions.allKinds') },
          ...DECISION_KINDS.map((value) => ({ value, label: t(`common:taskKinds.${value}`) })),
        ]}
      />
      {lastResult ? (
        <Alert
          className="gz-group-title"
          type="success"
          role="status"
          showIcon
          message={t('decisions.lastResult')}
          description={lastResult}
          closable={{ 'aria-label': t('decisions.closeResult') }}
          onClose={() => setLastResult(undefined)}
        />
      ) : null}
      <Row gutter={[16, 16]} className="gz-group-title">
        <Col xs={24} xl={8}>
          <section aria-labelledby="decision-queue" aria-busy={queue.fetching}>
            <div className="gz-queue-title">
              <Typography.Title level={2} id="decision-queue">
                {t('decisions.queue')}
              </Typography.Title>
              {queue.merged.items.length > 0 ? (
                <span className="gz-muted">{t('decisions.shown', { count: queue.merged.items.length })}</span>
              ) : null}
            </div>
            {queueBody()}
          </section>
        </Col>
        <Col xs={24} xl={16}>
          {selected ? (
            <DecisionDetail
              key={selected.id}
              task={selected}
              // Another kind's list is not read while a kind is chosen: absent from it is not gone.
              gone={!queue.pending && !current && (!kind || kind === selected.kind)}
              onDone={done}
              onStale={queue.reload}
              headingRef={headingRef}
            />
          ) : (
            <Card>
              <Typography.Paragraph className="gz-muted">
                {selectedId && !queue.pending ? t('decisions.gone') : t('decisions.pickOne')}
              </Typography.Paragraph>
            </Card>
          )}
        </Col>
      </Row>
    </>
  );
}
