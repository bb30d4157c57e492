import './i18n';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, InputNumber, Radio, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { caseApi, type Level, unwrap } from '../common/api/client';
import { LEVELS } from '../common/api/vocabulary';
import { useDirectory } from '../common/queries/directory';
import { FormSelect } from '../common/ui/form-controls';
import { ProblemAlert } from '../common/ui/problem';
import {
  cleanFilters,
  MAX_MIN_AGE_HOURS,
  STUCK_KINDS,
  STUCK_PAGE_SIZE,
  type StuckFilterValues,
  stuckFiltersOf,
  stuckParamsOf,
} from '../admin/stuck-filters';
import { StuckTable } from '../admin/stuck-table';

/** The coordinators' filters: the administrators' without the town (theirs is the only one they see). */
type TownFilters = Omit<StuckFilterValues, 'town' | 'limit'>;

const townStuckKey = (filters: TownFilters) => ['town-stuck', filters] as const;

/**
 * The scan of the caller's town, a page at a time. A scan is heavy for case-service and Temporal: it runs when the
 * page opens and when asked again, never on a timer or on focus.
 */
function useTownStuck(filters: TownFilters) {
  return useInfiniteQuery({
    queryKey: townStuckKey(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        caseApi.GET('/api/v1/stuck', {
          params: { query: { ...filters, limit: STUCK_PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    staleTime: 5 * 60_000,
    refetchOnWindowFocus: false,
  });
}

interface FilterForm {
  agencyId?: string;
  level?: Level;
  minAgeHours?: number | null;
}

const townFiltersOf = (params: URLSearchParams): TownFilters => {
  const { town: _town, limit: _limit, ...rest } = stuckFiltersOf(params);
  return rest;
};

/**
 * 卡住的案件 for the town's governance centre: what does not move in their own town, by the administrators' rules,
 * read-only. The coordinators see which agency is late and urge it; repairing the machinery is the administrators'.
 */
export function TownStuckPage() {
  const { t } = useTranslation(['townStuck', 'admin', 'common']);
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => townFiltersOf(params), [params]);
  const report = useTownStuck(filters);
  const directory = useDirectory();
  const [form] = Form.useForm<FilterForm>();
  useEffect(
    () =>
      form.setFieldsValue({
        agencyId: filters.agencyId,
        level: filters.level,
        minAgeHours: filters.minAgeHours ?? null,
      }),
    [form, filters],
  );
  const go = (next: TownFilters) => setParams(stuckParamsOf(next), { replace: true });
  const pages = report.data?.pages ?? [];
  const items = useMemo(() => pages.flatMap((page) => page.items), [pages]);
  const latest = pages.at(-1);
  const counts = latest?.counts;
  const total = counts ? STUCK_KINDS.reduce((sum, kind) => sum + counts[kind], 0) : undefined;
  const rescan = () => void queryClient.resetQueries({ queryKey: townStuckKey(filters), exact: true });

  return (
    <>
      <Typography.Title level={1}>{t('title')}</Typography.Title>
      <Typography.Paragraph className="gz-muted">{t('hint')}</Typography.Paragraph>
      <Radio.Group
        className="gz-admin-kinds"
        aria-label={t('kinds')}
        optionType="button"
        value={filters.kind ?? 'all'}
        onChange={(event) => {
          const value = event.target.value as string;
          const { kind: _kind, ...rest } = filters;
          go(value === 'all' ? rest : { ...rest, ...cleanFilters({ kind: value }) });
        }}
        options={[
          // With a kind chosen, the scan counts that kind only: the total is of what is shown.
          { value: 'all', label: filters.kind || total === undefined ? t('any') : t('all', { count: total }) },
          ...STUCK_KINDS.map((kind) => ({
            value: kind,
            label:
              counts && (!filters.kind || filters.kind === kind)
                ? t('kind', { label: t(`admin:kinds.${kind}`), count: counts[kind] })
                : t(`admin:kinds.${kind}`),
          })),
        ]}
      />
      <Form<FilterForm>
        form={form}
        layout="vertical"
        className="gz-admin-filters"
        aria-label={t('filters')}
        onFinish={(values) => {
          const { town: _town, limit: _limit, ...next } = cleanFilters({ ...values, kind: filters.kind });
          go(next);
        }}
      >
        <Form.Item label={t('agency')} name="agencyId">
          <FormSelect
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('any')}
            loading={directory.isLoading}
            options={(directory.data?.agencies ?? []).map((agency) => ({ value: agency.id, label: agency.name }))}
          />
        </Form.Item>
        <Form.Item label={t('level')} name="level">
          <FormSelect
            allowClear
            placeholder={t('any')}
            options={LEVELS.map((level) => ({ value: level, label: t(`common:levels.${level}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('minAgeHours')} name="minAgeHours">
          <InputNumber min={0} max={MAX_MIN_AGE_HOURS} step={1} placeholder="0" />
        </Form.Item>
        <div className="gz-admin-buttons">
          <Button type="primary" htmlType="submit">
            {t('apply')}
          </Button>
          <Button onClick={() => go({})}>{t('clear')}</Button>
          <Button onClick={rescan} loading={report.isFetching && !report.isFetchingNextPage}>
            {t('rescan')}
          </Button>
        </div>
      </Form>
      <section aria-labelledby="town-stuck-results" aria-busy={report.isFetching} className="gz-admin-section">
        <Typography.Title level={2} id="town-stuck-results" className="gz-group-title">
          {t('results')}
        </Typography.Title>
        {latest ? (
          <p className="gz-task-meta gz-muted" role="status">
            {t('shown', { count: items.length })}
          </p>
        ) : null}
        {latest && !latest.complete ? (
          <Alert
            type="warning"
            showIcon
            className="gz-group-title"
            message={t('incompleteTitle')}
            description={t('incompleteDetail')}
          />
        ) : null}
        {report.isError ? <ProblemAlert error={report.error} onReload={rescan} /> : null}
        <StuckTable
          items={items}
          loading={report.isPending && report.fetchStatus !== 'idle'}
          caseLink={(item) => (item.caseId ? `/cases/${item.caseId}` : undefined)}
          caseLinkLabel={(id) => t('caseLink', { id })}
          label={t('tableLabel')}
          showServiceWords={false}
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
