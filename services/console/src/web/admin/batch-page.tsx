import './i18n';
import './admin.css';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Form,
  Progress,
  Skeleton,
  Space,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatDateTime } from '../common/ui/format';
import { FormSelect } from '../common/ui/form-controls';
import { ToneTag } from '../common/ui/tags';
import {
  batchDone,
  batchIdOf,
  batchPercent,
  batchProgressStatus,
  type RepairBatch,
  type RepairBatchItem,
} from './batch-progress';
import { type Names, type TownDirectory, useNamesIn, useTownDirectory } from './directory';
import { shortId } from './format';
import { levelLabel } from './labels';
import { AdminProblemAlert } from './problem';
import { STUCK_KEY, useDryRun, useRepairBatch, useStartBatch } from './queries';
import { ExtensionFields, IdempotencyKeyNote, REPAIR_STATUS_TONES, ReasonField } from './repairs';
import {
  batchConfirmation,
  batchRepairOf,
  DANGEROUS_REPAIRS,
  REPAIR_KINDS,
  type RepairFormValues,
  type RepairKind,
} from './repair-requests';
import { batchFiltersOf, type StuckFilterValues, stuckFiltersOf, stuckPagePath, stuckParamsOf } from './stuck-filters';

/** The items of a plan or a report: the case (to its diagnosis), the task, the diagnosis, and what came of it. */
function BatchItems({ items, label, report }: { items: RepairBatchItem[]; label: string; report: boolean }) {
  const { t } = useTranslation('admin');
  const columns: TableColumnsType<RepairBatchItem> = [
    {
      key: 'case',
      title: t('batch.case'),
      render: (_, item) => (
        <Link to={`/admin/cases/${item.caseId}`} aria-label={t('table.caseLinkLabel', { id: item.caseId })}>
          {t('table.caseLabel', { id: shortId(item.caseId) })}
        </Link>
      ),
    },
    {
      key: 'task',
      title: t('batch.task'),
      render: (_, item) =>
        item.taskId ? <code className="gz-admin-id">{shortId(item.taskId)}</code> : t('batch.noTask'),
    },
    {
      key: 'diagnosis',
      title: t('batch.diagnosis'),
      render: (_, item) => <span className="gz-admin-diagnosis">{item.diagnosis}</span>,
    },
    ...(report
      ? ([
          {
            key: 'status',
            title: t('batch.status'),
            render: (_, item) => (
              <ToneTag tone={REPAIR_STATUS_TONES[item.status]}>{t(`repairs.statuses.${item.status}`)}</ToneTag>
            ),
          },
          {
            key: 'outcome',
            title: t('batch.outcome'),
            render: (_, item) => <span className="gz-admin-diagnosis">{item.outcome ?? '—'}</span>,
          },
        ] satisfies TableColumnsType<RepairBatchItem>)
      : []),
  ];
  return (
    <Table<RepairBatchItem>
      aria-label={label}
      size="small"
      columns={columns}
      dataSource={items}
      rowKey={(item) => `${item.caseId}|${item.taskId ?? ''}`}
      pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('batch.planEmpty') }}
    />
  );
}

/** The scan's filters the batch works on, in words, with the way back to change them on the stuck page. */
function FiltersSummary({ filters, names }: { filters: StuckFilterValues; names: Names }) {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const any = t('stuck.any');
  return (
    <section aria-labelledby="batch-filters" className="gz-admin-section">
      <Typography.Title level={2} id="batch-filters" className="gz-group-title">
        {t('batch.filters')}
      </Typography.Title>
      <Descriptions column={{ xs: 1, sm: 2, md: 3 }} size="small">
        <Descriptions.Item label={t('table.kind')}>{filters.kind ? t(`kinds.${filters.kind}`) : any}</Descriptions.Item>
        <Descriptions.Item label={t('stuck.town')}>{filters.town ?? any}</Descriptions.Item>
        <Descriptions.Item label={t('stuck.agency')}>
          {filters.agencyId ? names.agency(filters.agencyId) : any}
        </Descriptions.Item>
        <Descriptions.Item label={t('stuck.level')}>
          {filters.level ? levelLabel(t, (key) => i18n.exists(key), filters.level) : any}
        </Descriptions.Item>
        <Descriptions.Item label={t('stuck.minAgeHours')}>{filters.minAgeHours ?? 0}</Descriptions.Item>
      </Descriptions>
      <Link to={stuckPagePath(batchFiltersOf(filters))}>{t('batch.changeFilters')}</Link>
    </section>
  );
}

/**
 * Chooses the repair and its reason, runs the dry run and shows its plan, then (confirmed) starts the batch. The
 * plan is for what the form said when it ran: once the form changes, the batch cannot start until it runs again.
 */
function BatchForm({
  filters,
  names,
  directory,
  onStarted,
}: {
  filters: StuckFilterValues;
  names: Names;
  directory: TownDirectory | undefined;
  onStarted: (batch: RepairBatch) => void;
}) {
  const { t } = useTranslation(['admin', 'common']);
  const { modal, message } = App.useApp();
  const [form] = Form.useForm<RepairFormValues>();
  const dryRun = useDryRun();
  const start = useStartBatch();
  const [planned, setPlanned] = useState<{ request: string; batch: RepairBatch } | undefined>(undefined);
  const values = Form.useWatch((all: RepairFormValues) => all, form);
  const kind: RepairKind = values?.kind ?? 'retry-activity';
  const repair = values ? batchRepairOf({ ...values, kind }) : undefined;
  const request = repair
    ? { filters: batchFiltersOf(filters), repair, reason: (values?.reason ?? '').trim() }
    : undefined;
  const current = request ? JSON.stringify(request) : '';
  const fresh = planned !== undefined && planned.request === current;
  // With an agency chosen in the filters, only its people can take its tasks; otherwise everyone of the town.
  const staff = (directory?.staff ?? []).filter(
    (member) => member.active && (!filters.agencyId || member.agencyId === filters.agencyId),
  );

  const runDry = async (submitted: RepairFormValues) => {
    const batchRepair = batchRepairOf(submitted);
    if (!batchRepair) return;
    const asked = { filters: batchFiltersOf(filters), repair: batchRepair, reason: (submitted.reason ?? '').trim() };
    try {
      const batch = await dryRun.mutateAsync(asked);
      setPlanned({ request: JSON.stringify(asked), batch });
    } catch {
      setPlanned(undefined);
    }
  };

  const confirmStart = () => {
    if (!request || !planned || !fresh) return;
    const sentence = batchConfirmation(request.repair, planned.batch.total, {
      ...(request.repair.kind === 'reassign-task' ? { staff: names.staff(request.repair.toStaffId) } : {}),
    });
    const danger = DANGEROUS_REPAIRS.has(request.repair.kind);
    modal.confirm({
      title: t('repairs.confirmTitle'),
      content: (
        <>
          <Typography.Paragraph strong>{t(sentence.key, sentence.values)}</Typography.Paragraph>
          <Typography.Paragraph className="gz-muted">
            {t('common:labelled', { label: t('repairs.reason'), value: request.reason })}
          </Typography.Paragraph>
        </>
      ),
      okText: t('repairs.confirmOk'),
      cancelText: t('common:actions.cancel'),
      okButtonProps: { danger },
      autoFocusButton: danger ? 'cancel' : 'ok',
      onOk: async () => {
        try {
          const batch = await start.mutateAsync(request);
          void message.success(t('batch.started'));
          onStarted(batch);
        } catch {
          // Shown above the buttons (the mutation's error); the same key goes with a retry.
        }
      },
    });
  };

  return (
    <section aria-labelledby="batch-repair" className="gz-admin-section">
      <Typography.Title level={2} id="batch-repair" className="gz-group-title">
        {t('batch.repair')}
      </Typography.Title>
      <Form<RepairFormValues>
        form={form}
        layout="vertical"
        className="gz-admin-form gz-admin-batch-form"
        initialValues={{ kind: 'retry-activity', unit: 'working-days', amount: 5 }}
        onFinish={(submitted) => void runDry(submitted)}
      >
        <Form.Item
          label={t('repairs.kind')}
          name="kind"
          rules={[{ required: true }]}
          extra={t(`repairs.kindHints.${kind}`)}
        >
          <FormSelect<RepairKind>
            popupMatchSelectWidth={false}
            options={REPAIR_KINDS.map((value) => ({ value, label: t(`repairs.kinds.${value}`) }))}
          />
        </Form.Item>
        {kind === 'reassign-task' ? (
          <Form.Item
            label={t('repairs.toStaff')}
            name="toStaffId"
            extra={t('batch.reassignHint')}
            rules={[{ required: true, message: t('repairs.toStaffRequired') }]}
          >
            <FormSelect
              showSearch
              optionFilterProp="label"
              options={staff.map((member) => ({
                value: member.id,
                label: t('batch.staffOption', { name: member.displayName, agency: names.agency(member.agencyId) }),
              }))}
            />
          </Form.Item>
        ) : null}
        {kind === 'extend-deadline' ? <ExtensionFields /> : null}
        <ReasonField />
        {dryRun.isError ? <AdminProblemAlert error={dryRun.error} /> : null}
        {start.isError ? <AdminProblemAlert error={start.error} /> : null}
        <IdempotencyKeyNote value={start.idempotencyKey} />
        <Space wrap>
          <Button htmlType="submit" loading={dryRun.isPending}>
            {t('batch.dryRun')}
          </Button>
          <Button
            type="primary"
            danger={DANGEROUS_REPAIRS.has(kind)}
            disabled={!fresh || planned.batch.total === 0}
            loading={start.isPending}
            onClick={confirmStart}
          >
            {t('batch.run')}
          </Button>
        </Space>
      </Form>
      {planned ? (
        <section aria-labelledby="batch-plan" className="gz-admin-section" aria-busy={dryRun.isPending}>
          <Typography.Title level={3} id="batch-plan">
            {t('batch.plan')}
          </Typography.Title>
          {fresh ? null : <Alert type="warning" showIcon className="gz-group-title" message={t('batch.planStale')} />}
          <p role="status" className="gz-admin-strong">
            {t('batch.planTotal', { count: planned.batch.total })}
          </p>
          <BatchItems items={planned.batch.items} label={t('batch.planCaption')} report={false} />
        </section>
      ) : null}
    </section>
  );
}

/** A started batch, live until it is done: a progress bar with the counts, and the report item by item. */
function BatchWatch({ id, onAnother }: { id: string; onAnother: () => void }) {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const queryClient = useQueryClient();
  const batch = useRepairBatch(id);
  const status = batch.data?.status;
  // The stuck lists are out of date once the batch has run.
  useEffect(() => {
    if (status === 'done') void queryClient.invalidateQueries({ queryKey: STUCK_KEY });
  }, [status, queryClient]);
  const body = () => {
    if (batch.isPending) return <Skeleton active />;
    if (batch.isError && !batch.data)
      return <AdminProblemAlert error={batch.error} onReload={() => void batch.refetch()} />;
    const found = batch.data;
    const counts = {
      done: batchDone(found),
      total: found.total,
      applied: found.counts.applied,
      refused: found.counts.refused,
      failed: found.counts.failed,
    };
    return (
      <>
        {batch.isError ? <AdminProblemAlert error={batch.error} onReload={() => void batch.refetch()} /> : null}
        <p className="gz-muted">
          {t('batch.kindReason', { kind: t(`repairs.kinds.${found.kind}`), reason: found.reason })}
          <br />
          {t('batch.batchId', { id })} · {formatDateTime(found.createdAt, i18n.language)}
          {found.finishedAt ? ` – ${formatDateTime(found.finishedAt, i18n.language)}` : ''}
        </p>
        <Progress aria-label={t('batch.progress')} percent={batchPercent(found)} status={batchProgressStatus(found)} />
        <p role="status">{t(found.status === 'done' ? 'batch.doneLine' : 'batch.runningLine', counts)}</p>
        <BatchItems items={found.items} label={t('batch.reportCaption')} report />
      </>
    );
  };
  return (
    <section aria-labelledby="batch-report" className="gz-admin-section">
      <Typography.Title level={2} id="batch-report" className="gz-group-title">
        {t('batch.report')}
      </Typography.Title>
      {body()}
      <div className="gz-group-title">
        <Button onClick={onAnother} disabled={status === 'running'}>
          {t('batch.another')}
        </Button>
      </div>
    </section>
  );
}

/**
 * 批量修复: one repair over every item the stuck scan finds with the filters in the address (as the stuck page
 * passes them on). A dry run first; once started, the batch's id goes into the address, so a reload keeps watching it.
 */
export function RepairBatchPage() {
  const { t } = useTranslation('admin');
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => batchFiltersOf(stuckFiltersOf(params)), [params]);
  const batchId = batchIdOf(params);
  const directory = useTownDirectory(filters.town);
  const names = useNamesIn(directory.data);
  return (
    <>
      <Typography.Title level={1}>{t('batch.title')}</Typography.Title>
      <Typography.Paragraph className="gz-muted">{t('batch.hint')}</Typography.Paragraph>
      <FiltersSummary filters={filters} names={names} />
      {batchId ? (
        <BatchWatch id={batchId} onAnother={() => setParams(stuckParamsOf(filters), { replace: true })} />
      ) : (
        <BatchForm
          filters={filters}
          names={names}
          directory={directory.data}
          onStarted={(batch) => {
            if (!batch.id) return;
            const next = stuckParamsOf(filters);
            next.set('batch', batch.id);
            // A new entry in the history: back returns to the form, reload keeps watching.
            setParams(next);
          }}
        />
      )}
    </>
  );
}
