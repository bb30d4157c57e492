import './i18n';
import './search.css';
import { Button, DatePicker, Empty, Form, Input, List, Skeleton, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { DisputeType, Level } from '../common/api/client';
import { useDirectory, useVillageName, useVillages } from '../common/queries/directory';
import { formatDateTime, formatYuan } from '../common/ui/format';
import { FormSelect } from '../common/ui/form-controls';
import { ProblemAlert, showFieldErrors } from '../common/ui/problem';
import { ToneTag, type Tone } from '../common/ui/tags';
import { DISPUTE_TYPES, LEVELS } from '../common/api/vocabulary';
import { idNumberProblem, normaliseIdentityNumber } from '../common/identity-numbers';
import {
  type AddressFilters,
  addressFiltersOf,
  addressParamsOf,
  caseQueryOf,
  type CaseStatus,
  looksPersonal,
  STATUSES,
} from './filters';
import { type CaseSummary, partyIdsOf, useCaseSearch } from './queries';

interface SearchForm {
  disputeType?: DisputeType;
  villageCode?: string;
  level?: Level;
  status?: CaseStatus[];
  agencyId?: string;
  opened?: [Dayjs, Dayjs] | null;
  eventRef?: string;
  q?: string;
  idNumber?: string;
}

/** What stays in the page only: typed text is never put in the address. */
interface Typed {
  q?: string;
  eventRef?: string;
}

/** The form field each query parameter a 400 names belongs to. */
const FIELD_OF: Record<string, keyof SearchForm> = {
  disputeType: 'disputeType',
  villageCode: 'villageCode',
  level: 'level',
  status: 'status',
  agencyId: 'agencyId',
  openedFrom: 'opened',
  openedTo: 'opened',
  eventRef: 'eventRef',
  q: 'q',
  partyId: 'idNumber',
  idNumber: 'idNumber',
};

const STATUS_TONES: Record<CaseStatus, Tone> = { opening: 'warning', open: 'ok', merged: 'neutral', closed: 'neutral' };

function formValuesOf(filters: AddressFilters): SearchForm {
  return {
    ...(filters.disputeType ? { disputeType: filters.disputeType } : {}),
    ...(filters.villageCode ? { villageCode: filters.villageCode } : {}),
    ...(filters.level ? { level: filters.level } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.agencyId ? { agencyId: filters.agencyId } : {}),
    ...(filters.from && filters.to ? { opened: [dayjs(filters.from), dayjs(filters.to)] } : {}),
  };
}

function CaseItem({ item }: { item: CaseSummary }) {
  const { t, i18n } = useTranslation(['search', 'common']);
  const village = useVillageName(item.villageCode);
  const title = t('caseTitle', {
    type: t(`common:disputeTypes.${item.disputeType}`),
    village: item.villageCode ? village : t('noVillage'),
  });
  const status = t(`common:caseStatus.${item.status}`);
  const phase = item.progress.phase;
  const live = item.status === 'open' || item.status === 'opening';
  return (
    <List.Item>
      <List.Item.Meta
        title={<Link to={`/cases/${item.id}`}>{title}</Link>}
        description={
          <>
            <p className="gz-search-summary">{item.summary}</p>
            <div className="gz-task-meta">
              <ToneTag tone={STATUS_TONES[item.status]}>
                {live && phase ? t('statusPhase', { status, phase: t(`common:phases.${phase}`) }) : status}
              </ToneTag>
              <span>{item.progress.level ? t(`common:levels.${item.progress.level}`) : t('noLevel')}</span>
              {item.amountInDispute ? (
                <span>{t('amount', { amount: formatYuan(item.amountInDispute, i18n.language) })}</span>
              ) : null}
              <span>{t('openedAt', { date: formatDateTime(item.openedAt, i18n.language) })}</span>
            </div>
          </>
        }
      />
    </List.Item>
  );
}

function Results({
  search,
  partyIds,
}: {
  search: ReturnType<typeof useCaseSearch>;
  partyIds: readonly string[] | undefined;
}) {
  const { t } = useTranslation(['search', 'common']);
  const items = useMemo(() => search.data?.pages.flatMap((page) => page.items) ?? [], [search.data]);
  const body = () => {
    if (partyIds?.length === 0) return <Empty description={t('partyNotFound')} />;
    if (search.isPending) return <Skeleton active />;
    if (search.isError && items.length === 0)
      return <ProblemAlert error={search.error} onReload={() => void search.refetch()} />;
    if (items.length === 0) return <Empty description={t('empty')} />;
    return (
      <>
        <List bordered dataSource={items} rowKey="id" renderItem={(item) => <CaseItem item={item} />} />
        {search.isError ? <ProblemAlert error={search.error} onReload={() => void search.refetch()} /> : null}
        {search.hasNextPage ? (
          <div className="gz-group-title">
            <Button onClick={() => void search.fetchNextPage()} loading={search.isFetchingNextPage}>
              {t('common:actions.loadMore')}
            </Button>
          </div>
        ) : null}
      </>
    );
  };
  return (
    <section aria-labelledby="search-results" aria-busy={search.isFetching}>
      <div className="gz-search-results-title">
        <Typography.Title level={2} id="search-results" className="gz-group-title">
          {t('results')}
        </Typography.Title>
        {items.length > 0 && partyIds?.length !== 0 ? (
          <span className="gz-muted" role="status">
            {t('shown', { count: items.length })}
          </span>
        ) : null}
      </div>
      {body()}
    </section>
  );
}

/**
 * 案件查询: the cases the person may see, found by type, village, level, status, agency, opening days, event
 * reference, summary text or a party's ID number. Codes and dates live in the address; typed text stays in the page,
 * and an ID number is only ever sent in a POST body to party-service, which answers the party's id.
 */
export function SearchPage() {
  const { t } = useTranslation(['search', 'common']);
  const [form] = Form.useForm<SearchForm>();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => addressFiltersOf(params), [params]);
  const [initialValues] = useState(() => formValuesOf(filters));
  const [typed, setTyped] = useState<Typed>({});
  const [partyIds, setPartyIds] = useState<readonly string[] | undefined>(undefined);
  const [resolving, setResolving] = useState<{ error?: unknown; pending: boolean }>({ pending: false });
  const query = useMemo(() => caseQueryOf(filters, typed), [filters, typed]);
  const search = useCaseSearch(query, partyIds);
  const villages = useVillages();
  const directory = useDirectory();

  // A refused search names its parameter: shown beside the condition it came from.
  useEffect(() => {
    if (search.error) showFieldErrors(form, search.error, (path) => FIELD_OF[path]);
  }, [form, search.error]);

  const submit = async (values: SearchForm) => {
    const next: AddressFilters = {
      ...(values.disputeType ? { disputeType: values.disputeType } : {}),
      ...(values.villageCode ? { villageCode: values.villageCode } : {}),
      ...(values.level ? { level: values.level } : {}),
      ...(values.status?.length ? { status: values.status } : {}),
      ...(values.agencyId ? { agencyId: values.agencyId } : {}),
      ...(values.opened
        ? { from: values.opened[0].format('YYYY-MM-DD'), to: values.opened[1].format('YYYY-MM-DD') }
        : {}),
    };
    const q = values.q?.trim();
    const eventRef = values.eventRef?.trim();
    const idNumber = values.idNumber ? normaliseIdentityNumber(values.idNumber) : '';
    let parties: string[] | undefined;
    if (idNumber) {
      setResolving({ pending: true });
      try {
        parties = await partyIdsOf(idNumber);
      } catch (error) {
        setResolving({ pending: false, error });
        showFieldErrors(form, error, (path) => FIELD_OF[path]);
        return;
      }
      setResolving({ pending: false });
      if (parties.length === 0) form.setFields([{ name: 'idNumber', errors: [t('partyNotFound')] }]);
    }
    setParams(addressParamsOf(next), { replace: true });
    setTyped({ ...(q ? { q } : {}), ...(eventRef ? { eventRef } : {}) });
    setPartyIds(parties);
  };

  const clear = () => {
    form.resetFields();
    form.setFieldsValue({
      disputeType: undefined,
      villageCode: undefined,
      level: undefined,
      status: undefined,
      agencyId: undefined,
      opened: undefined,
    });
    setParams(new URLSearchParams(), { replace: true });
    setTyped({});
    setPartyIds(undefined);
    setResolving({ pending: false });
  };

  return (
    <>
      <Typography.Title level={1}>{t('title')}</Typography.Title>
      <Typography.Paragraph className="gz-muted">{t('hint')}</Typography.Paragraph>
      <Form<SearchForm>
        form={form}
        layout="vertical"
        className="gz-search-form"
        aria-label={t('filters')}
        initialValues={initialValues}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item label={t('disputeType')} name="disputeType">
          <FormSelect
            allowClear
            placeholder={t('any')}
            options={DISPUTE_TYPES.map((type) => ({ value: type, label: t(`common:disputeTypes.${type}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('village')} name="villageCode">
          <FormSelect
            allowClear
            placeholder={t('any')}
            loading={villages.isPending}
            options={(villages.data ?? []).map((village) => ({ value: village.code, label: village.name }))}
          />
        </Form.Item>
        <Form.Item label={t('level')} name="level">
          <FormSelect
            allowClear
            placeholder={t('any')}
            options={LEVELS.map((level) => ({ value: level, label: t(`common:levels.${level}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('status')} name="status">
          <FormSelect<CaseStatus[]>
            mode="multiple"
            allowClear
            placeholder={t('any')}
            options={STATUSES.map((status) => ({ value: status, label: t(`common:caseStatus.${status}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('agency')} name="agencyId">
          <FormSelect
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('any')}
            loading={directory.isPending}
            options={(directory.data?.agencies ?? []).map((agency) => ({ value: agency.id, label: agency.name }))}
          />
        </Form.Item>
        <Form.Item label={t('opened')} name="opened">
          <DatePicker.RangePicker
            allowClear
            placeholder={[t('openedStart'), t('openedEnd')]}
            disabledDate={(day) => day.isAfter(dayjs().endOf('day'))}
          />
        </Form.Item>
        <Form.Item
          label={t('eventRef')}
          name="eventRef"
          extra={t('eventRefHint')}
          rules={[
            { min: 3, max: 64, whitespace: true, transform: (v?: string) => v?.trim(), message: t('eventRefLength') },
          ]}
        >
          <Input maxLength={64} autoComplete="off" />
        </Form.Item>
        <Form.Item
          label={t('keyword')}
          name="q"
          extra={t('keywordHint')}
          validateFirst
          rules={[
            {
              // Checked before anything is sent: an ID number or phone never goes into a request's address.
              validator: (_rule, value?: string) =>
                value && looksPersonal(value) ? Promise.reject(new Error(t('keywordPersonal'))) : Promise.resolve(),
            },
            { min: 2, max: 100, transform: (v?: string) => v?.trim(), message: t('keywordLength') },
          ]}
        >
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item
          label={t('idNumber')}
          name="idNumber"
          extra={t('idNumberHint')}
          rules={[
            {
              validator: (_rule, value?: string) =>
                value && idNumberProblem(normaliseIdentityNumber(value))
                  ? Promise.reject(new Error(t('idNumberInvalid')))
                  : Promise.resolve(),
            },
          ]}
        >
          <Input maxLength={18} autoComplete="off" spellCheck={false} />
        </Form.Item>
        {resolving.error ? (
          <div className="gz-search-wide">
            <ProblemAlert error={resolving.error} />
          </div>
        ) : null}
        <div className="gz-search-buttons">
          <Button type="primary" htmlType="submit" loading={resolving.pending}>
            {t('search')}
          </Button>
          <Button onClick={clear}>{t('clear')}</Button>
        </div>
      </Form>
      <Results search={search} partyIds={partyIds} />
    </>
  );
}
