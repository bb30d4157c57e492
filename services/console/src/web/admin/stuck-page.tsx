import './i18n';
import './admin.css';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, InputNumber, Radio, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { Level } from '../common/api/client';
import { LEVELS } from '../common/api/vocabulary';
import { formatDateTime } from '../common/ui/format';
import { FormSelect, RADIO_GROUP_ROLE } from '../common/ui/form-controls';
import { ProblemAlert } from '../common/ui/problem';
import { useNamesIn, useTownDirectory } from './directory';
import { stuckKeyOf, useStuckReport } from './queries';
import { SavedViews } from './saved-views';
import {
  batchPagePath,
  cleanFilters,
  filtersOfView,
  isTownCode,
  kindCounts,
  MAX_MIN_AGE_HOURS,
  MAX_PAGE_SIZE,
  selectedViewOf,
  STUCK_KINDS,
  type StuckCounts,
  type StuckFilterValues,
  type StuckKind,
  stuckFiltersOf,
  stuckParamsOf,
  withoutKind,
} from './stuck-filters';
import { StuckTable } from './stuck-table';

interface FilterForm {
  town?: string;
  agencyId?: string;
  level?: Level;
  minAgeHours?: number | null;
  limit?: number | null;
}

const formValuesOf = (filters: StuckFilterValues): FilterForm => ({
  town: filters.town,
  agencyId: filters.agencyId,
  level: filters.level,
  minAgeHours: filters.minAgeHours ?? null,
  limit: filters.limit ?? null,
});

/**
 * The counts per kind as a group of radio buttons (keyboard usable, one chosen): choosing one filters the list.
 * With a kind chosen the scan counts that kind only, so the other kinds' numbers come from the all-kinds scan of the
 * same filters when this page still holds it, and are left out otherwise rather than shown as 0.
 */
function KindChips({
  kind,
  counts,
  allCounts,
  onChange,
}: {
  kind: StuckKind | undefined;
  counts: StuckCounts | undefined;
  allCounts: StuckCounts | undefined;
  onChange: (kind: StuckKind | undefined) => void;
}) {
  const { t } = useTranslation('admin');
  const known = kind ? allCounts : counts;
  const summary = known ? kindCounts(known) : undefined;
  const label = (text: string, count: number | undefined) =>
    count === undefined ? text : t('stuck.chip', { label: text, count });
  return (
    <Radio.Group
      {...RADIO_GROUP_ROLE}
      className="gz-admin-kinds"
      aria-label={t('stuck.kindsLabel')}
      optionType="button"
      value={kind ?? 'all'}
      onChange={(event) => onChange(event.target.value === 'all' ? undefined : (event.target.value as StuckKind))}
      options={[
        { value: 'all', label: label(t('stuck.allKinds'), summary?.total) },
        ...STUCK_KINDS.map((value) => ({
          value,
          label: label(t(`kinds.${value}`), known?.[value] ?? (value === kind ? counts?.[value] : undefined)),
        })),
      ]}
    />
  );
}

/** 卡住的案件: what does not move in the towns, longest stuck first, with what to do about it a click away. */
export function AdminStuckPage() {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => stuckFiltersOf(params), [params]);
  const viewId = selectedViewOf(params);
  const report = useStuckReport(filters);
  // The all-kinds scan of the same filters, read from the cache only (no second scan) for the chips' numbers.
  const allKinds = useStuckReport(withoutKind(filters), !filters.kind);
  const directory = useTownDirectory(filters.town);
  const names = useNamesIn(directory.data);
  const [form] = Form.useForm<FilterForm>();

  // The form shows the address's filters: after a chip, a view, the browser's back button.
  useEffect(() => form.setFieldsValue(formValuesOf(filters)), [form, filters]);

  // The view is always said: a default parameter would keep the chosen one when undefined is passed to drop it.
  const go = (next: StuckFilterValues, view: string | undefined) =>
    setParams(stuckParamsOf(next, view), { replace: true });

  const pages = report.data?.pages ?? [];
  const items = useMemo(() => pages.flatMap((page) => page.items), [pages]);
  // Each page is a fresh scan: its counts, completeness and warnings are the latest word.
  const latest = pages.at(-1);
  const allLatest = allKinds.data?.pages.at(-1);

  const rescan = () => void queryClient.resetQueries({ queryKey: stuckKeyOf(filters), exact: true });

  return (
    <>
      <Typography.Title level={1}>{t('stuck.title')}</Typography.Title>
      <Typography.Paragraph className="gz-muted">{t('stuck.hint')}</Typography.Paragraph>
      <KindChips
        kind={filters.kind}
        counts={latest?.counts}
        allCounts={filters.kind ? allLatest?.counts : latest?.counts}
        onChange={(kind) => go(kind ? { ...filters, kind } : withoutKind(filters), viewId)}
      />
      <Form<FilterForm>
        form={form}
        layout="vertical"
        className="gz-admin-filters"
        aria-label={t('stuck.filters')}
        initialValues={formValuesOf(filters)}
        onFinish={(values) => go(cleanFilters({ ...values, kind: filters.kind }), viewId)}
      >
        <Form.Item
          label={t('stuck.town')}
          name="town"
          extra={t('stuck.townHint')}
          rules={[
            {
              validator: (_rule, value?: string) =>
                !value || isTownCode(value.trim())
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('stuck.townInvalid'))),
            },
          ]}
          normalize={(value?: string) => value?.trim().toLowerCase()}
        >
          <Input maxLength={40} autoComplete="off" spellCheck={false} />
        </Form.Item>
        <Form.Item label={t('stuck.agency')} name="agencyId">
          <FormSelect
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('stuck.any')}
            loading={directory.isPending && directory.fetchStatus !== 'idle'}
            options={(directory.data?.agencies ?? []).map((agency) => ({ value: agency.id, label: agency.name }))}
          />
        </Form.Item>
        <Form.Item label={t('stuck.level')} name="level">
          <FormSelect
            allowClear
            placeholder={t('stuck.any')}
            options={LEVELS.map((level) => ({ value: level, label: t(`common:levels.${level}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('stuck.minAgeHours')} name="minAgeHours">
          <InputNumber min={0} max={MAX_MIN_AGE_HOURS} step={1} placeholder="0" />
        </Form.Item>
        <Form.Item label={t('stuck.limit')} name="limit">
          <InputNumber min={1} max={MAX_PAGE_SIZE} step={10} precision={0} placeholder="50" />
        </Form.Item>
        <div className="gz-admin-buttons">
          <Button type="primary" htmlType="submit">
            {t('stuck.apply')}
          </Button>
          <Button onClick={() => go({}, undefined)}>{t('stuck.clear')}</Button>
          <Button onClick={rescan} loading={report.isFetching && !report.isFetchingNextPage}>
            {t('stuck.rescan')}
          </Button>
          <Link to={batchPagePath(filters)}>{t('stuck.batch')}</Link>
        </div>
      </Form>
      <SavedViews
        filters={filters}
        viewId={viewId}
        names={names}
        directory={directory.data}
        onApply={(view) => go(filtersOfView(view.filters), view.id)}
        onChosen={(id) => go(filters, id)}
      />
      <section aria-labelledby="admin-stuck-results" aria-busy={report.isFetching} className="gz-admin-section">
        <Typography.Title level={2} id="admin-stuck-results" className="gz-group-title">
          {t('stuck.results')}
        </Typography.Title>
        {latest ? (
          <p className="gz-task-meta gz-muted" role="status">
            <span>{t('stuck.shown', { count: items.length })}</span>
            <span>{t('stuck.scannedAt', { time: formatDateTime(latest.scannedAt, i18n.language) })}</span>
          </p>
        ) : null}
        {latest && !latest.complete ? (
          <Alert
            type="warning"
            showIcon
            className="gz-group-title"
            message={t('stuck.incompleteTitle')}
            description={t('stuck.incompleteDetail')}
          />
        ) : null}
        {latest && latest.warnings.length > 0 ? (
          <Alert
            type="warning"
            showIcon
            className="gz-group-title"
            message={t('stuck.warningsTitle')}
            description={
              <ul className="gz-earlier-rejections">
                {latest.warnings.map((warning) => (
                  <li key={warning}>{warning}</li>
                ))}
              </ul>
            }
          />
        ) : null}
        {report.isError ? <ProblemAlert error={report.error} onReload={rescan} /> : null}
        <StuckTable
          items={items}
          loading={report.isPending && report.fetchStatus !== 'idle'}
          caseLink={(item) => (item.caseId ? `/admin/cases/${item.caseId}` : undefined)}
        />
        {report.hasNextPage ? (
          <div className="gz-group-title">
            <Button onClick={() => void report.fetchNextPage()} loading={report.isFetchingNextPage}>
              {t('common:actions.loadMore')}
            </Button>
          </div>
        ) : null}
      </section>
    </>
  );
}
