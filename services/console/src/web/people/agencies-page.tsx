import './i18n';
import './people.css';
import { Alert, App, Button, Descriptions, Drawer, Form, Modal, Select, Skeleton, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { newIdempotencyKey } from '../common/api/client';
import { ProblemError } from '../common/api/problem';
import { useSession } from '../common/session/session';
import { formatDateTime } from '../common/ui/format';
import { ProblemAlert, showFieldErrors } from '../common/ui/problem';
import { ToneTag } from '../common/ui/tags';
import { AgencyFields } from './agency-fields';
import { agencyFieldOf, type AgencyFormValues, agencyPatch, createAgencyBody, formValuesOf } from './agency-form';
import { areaOf } from './areas';
import { canManageAgenciesOf, isAdministrator, listsWholeTown, townOfPage } from './permissions';
import {
  type ReadAgency,
  useAgencies,
  useAgency,
  useCreateAgency,
  useReloadAgency,
  useTownDirectory,
  useUpdateAgency,
} from './queries';
import { ReceptionSummary, WeeklySchedule } from './schedule';
import { TownPicker } from './town-picker';
import { type Agency, AGENCY_KINDS, type AgencyKind, type DirectoryVillage } from './vocabulary';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An area code as people know it: the village, the grid and its village, or the code itself. */
function useAreaText(villages: readonly DirectoryVillage[] | undefined) {
  const { t } = useTranslation('people');
  return (code: string) => {
    // Until the directory has answered, the code is all there is to show.
    if (!villages) return code;
    const area = areaOf(code, villages);
    if (area.kind === 'village') return area.village;
    if (area.kind === 'grid') return t('agencies.gridOf', { village: area.village, grid: area.code });
    return t('agencies.unknownArea', { code });
  };
}

function SignersTag({ count }: { count: number }) {
  const { t } = useTranslation('people');
  return count === 0 ? <ToneTag tone="danger">{t('agencies.noSigners')}</ToneTag> : <>{count}</>;
}

/** 新增单位: in the town the page shows (a coordinator's own; an administrator's choice). */
function CreateAgencyDialog({
  townCode,
  townLabel,
  villages,
  unknownTown,
  onClose,
  onCreated,
}: {
  townCode: string;
  townLabel: string;
  villages: readonly DirectoryVillage[];
  /** The directory knows neither a name nor a village of the town: most likely a mistyped code. */
  unknownTown: boolean;
  onClose: () => void;
  onCreated: (agency: Agency) => void;
}) {
  const { t } = useTranslation(['people', 'common']);
  const { message } = App.useApp();
  const [form] = Form.useForm<AgencyFormValues>();
  const key = useRef(newIdempotencyKey());
  const create = useCreateAgency();
  const submit = (values: AgencyFormValues) =>
    create.mutate(
      { body: createAgencyBody(values, townCode), key: key.current },
      {
        onSuccess: (agency) => {
          key.current = newIdempotencyKey();
          void message.success(t('agencies.create.created', { name: agency.name }));
          onCreated(agency);
        },
        onError: (error) => {
          // An answered refusal: the corrected form is a new request. A lost answer keeps the key for the retry.
          if (error instanceof ProblemError) key.current = newIdempotencyKey();
          showFieldErrors(form, error, agencyFieldOf);
        },
      },
    );
  return (
    <Modal
      open
      width={720}
      title={t('agencies.create.title', { town: townLabel })}
      okText={t('agencies.create.submit')}
      cancelText={t('common:actions.cancel')}
      confirmLoading={create.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      {unknownTown ? (
        // agency-service keeps no list of towns to check the code against: the warning is all there is.
        <Alert type="warning" showIcon message={t('agencies.create.unknownTown', { town: townCode })} />
      ) : null}
      {create.isError ? <ProblemAlert error={create.error} /> : null}
      <Form<AgencyFormValues>
        form={form}
        layout="vertical"
        initialValues={{ areaCodes: [], receptionHours: [], contactPhone: '' }}
        onFinish={submit}
        scrollToFirstError
      >
        <AgencyFields villages={villages} held={[]} />
      </Form>
    </Modal>
  );
}

/** Changing an agency: from the version read when editing began, sent back in If-Match with only what changed. */
function EditAgency({
  read,
  villages,
  onDone,
  onStale,
}: {
  read: ReadAgency;
  villages: readonly DirectoryVillage[];
  onDone: () => void;
  onStale: () => void;
}) {
  const { t } = useTranslation(['people', 'common']);
  const { message } = App.useApp();
  const [form] = Form.useForm<AgencyFormValues>();
  const update = useUpdateAgency();
  const [initialValues] = useState(() => formValuesOf(read.agency));
  const submit = (values: AgencyFormValues) => {
    const patch = agencyPatch(read.agency, values);
    if (Object.keys(patch).length === 0) {
      void message.info(t('agencies.details.nothingChanged'));
      onDone();
      return;
    }
    update.mutate(
      { id: read.agency.id, etag: read.etag, patch },
      {
        onSuccess: () => {
          void message.success(t('agencies.details.saved'));
          onDone();
        },
        onError: (error) => showFieldErrors(form, error, agencyFieldOf),
      },
    );
  };
  const stale = update.error instanceof ProblemError && update.error.status === 412;
  return (
    <section aria-labelledby="agency-edit-title">
      <Typography.Title level={3} id="agency-edit-title">
        {t('agencies.details.editTitle')}
      </Typography.Title>
      {update.isError ? (
        // Someone changed the agency meanwhile: reading it again shows their change (the edit starts over from it).
        <ProblemAlert error={update.error} {...(stale ? { onReload: onStale } : {})} />
      ) : null}
      <Form<AgencyFormValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={submit}
        scrollToFirstError
      >
        <AgencyFields villages={villages} held={read.agency.areaCodes} />
        <div className="gz-people-heading">
          <Button type="primary" htmlType="submit" loading={update.isPending}>
            {t('agencies.details.save')}
          </Button>
          <Button onClick={onDone}>{t('common:actions.cancel')}</Button>
        </div>
      </Form>
    </section>
  );
}

/** An agency's details in a drawer over the list, at its own address (`/admin/agencies/:agencyId`). */
function AgencyDrawer({
  id,
  villages,
  town,
  townName,
  onClose,
}: {
  id: string;
  villages: readonly DirectoryVillage[] | undefined;
  /** The town the page lists, which `villages` and `townName` are of. */
  town: string;
  townName: string | undefined;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation(['people', 'common']);
  const { data: session } = useSession();
  const valid = UUID.test(id);
  const agency = useAgency(valid ? id : undefined);
  const [editing, setEditing] = useState<ReadAgency | null>(null);
  const reload = useReloadAgency();
  const read = agency.data;
  // An agency reached by its address may be of another town than the list's (an administrator's link).
  const ofTown = read?.agency.townCode === town;
  const areaText = useAreaText(ofTown ? villages : undefined);

  const content = () => {
    if (!valid) return <ProblemAlert error={new ProblemError(404, { type: 'urn:gongzhi:problem:not-found' })} />;
    if (agency.isPending) return <Skeleton active />;
    if (!read) return <ProblemAlert error={agency.error} onReload={() => void agency.refetch()} />;
    if (editing) {
      return (
        <EditAgency
          read={editing}
          villages={ofTown ? (villages ?? []) : []}
          onDone={() => setEditing(null)}
          onStale={() => {
            setEditing(null);
            reload(id);
          }}
        />
      );
    }
    const { agency: shown } = read;
    return (
      <>
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('agencies.details.kind')}>
            {t(`common:agencyKinds.${shown.kind}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('agencies.details.name')}>{shown.name}</Descriptions.Item>
          <Descriptions.Item label={t('agencies.details.town')}>
            {ofTown && townName ? t('town.named', { name: townName, code: shown.townCode }) : shown.townCode}
          </Descriptions.Item>
          <Descriptions.Item label={t('agencies.details.areas')}>
            {shown.areaCodes.length === 0 ? (
              t('agencies.townWide')
            ) : (
              <ul className="gz-people-areas">
                {shown.areaCodes.map((code) => (
                  <li key={code}>{areaText(code)}</li>
                ))}
              </ul>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('agencies.details.phone')}>
            {shown.contactPhone ?? <span className="gz-muted">{t('agencies.details.noPhone')}</span>}
          </Descriptions.Item>
          <Descriptions.Item label={t('agencies.details.signers')}>
            <SignersTag count={shown.signers} />
            <div className="gz-muted">{t('agencies.details.signersHint')}</div>
          </Descriptions.Item>
          <Descriptions.Item label={t('agencies.details.reception')}>
            <WeeklySchedule windows={shown.receptionHours} />
          </Descriptions.Item>
          <Descriptions.Item label={t('agencies.details.updatedAt')}>
            {formatDateTime(shown.updatedAt, i18n.language)}
          </Descriptions.Item>
          <Descriptions.Item label={t('agencies.details.createdAt')}>
            {formatDateTime(shown.createdAt, i18n.language)}
          </Descriptions.Item>
        </Descriptions>
        {canManageAgenciesOf(session, shown.townCode) ? (
          <div className="gz-group-title">
            <Button type="primary" onClick={() => setEditing(read)}>
              {t('agencies.details.edit')}
            </Button>
          </div>
        ) : null}
      </>
    );
  };

  return (
    <Drawer
      open
      width={640}
      title={read?.agency.name ?? t('agencies.details.title')}
      onClose={onClose}
      rootClassName="gz-people-drawer"
    >
      {content()}
    </Drawer>
  );
}

/**
 * 单位管理 (`/admin/agencies`, details at `/admin/agencies/:agencyId`): the town's agencies with the villages they
 * serve, their reception hours and how many can sign; adding and changing them for whom agency-service allows it
 * (coordinators in their own town, administrators in any). Everyone else sees their own agency, read only.
 */
export function AgenciesAdminPage() {
  const { t } = useTranslation(['people', 'common']);
  const { data: session } = useSession();
  const { agencyId } = useParams();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const admin = isAdministrator(session);
  const wholeTown = listsWholeTown(session);
  const town = townOfPage(session, params.get('town'));
  const kindParam = params.get('kind');
  const kind = (AGENCY_KINDS as readonly string[]).includes(kindParam ?? '') ? (kindParam as AgencyKind) : undefined;
  const agencies = useAgencies(town, kind);
  const directory = useTownDirectory(town);
  const [creating, setCreating] = useState(false);
  const villages = directory.data?.villages;
  const areaText = useAreaText(villages);
  const items = useMemo(() => agencies.data?.pages.flatMap((page) => page.items) ?? [], [agencies.data]);
  const townLabel = directory.data?.townName ?? town;
  const search = params.toString() ? `?${params.toString()}` : '';

  const setParam = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  const columns: ColumnsType<Agency> = [
    { key: 'kind', title: t('agencies.columns.kind'), render: (_v, row) => t(`common:agencyKinds.${row.kind}`) },
    {
      key: 'name',
      title: t('agencies.columns.name'),
      render: (_v, row) => (
        <Link to={`/admin/agencies/${row.id}${search}`} aria-label={t('agencies.openNamed', { name: row.name })}>
          {row.name}
        </Link>
      ),
    },
    {
      key: 'areas',
      title: t('agencies.columns.areas'),
      render: (_v, row) =>
        row.areaCodes.length === 0
          ? t('agencies.townWide')
          : row.areaCodes.map(areaText).join(t('common:listSeparator')),
    },
    {
      key: 'reception',
      title: t('agencies.columns.reception'),
      render: (_v, row) => <ReceptionSummary windows={row.receptionHours} />,
    },
    { key: 'signers', title: t('agencies.columns.signers'), render: (_v, row) => <SignersTag count={row.signers} /> },
  ];

  const body = () => {
    if (agencies.isPending) return <Skeleton active />;
    if (agencies.isError && items.length === 0)
      return <ProblemAlert error={agencies.error} onReload={() => void agencies.refetch()} />;
    return (
      <>
        <p className="gz-muted" role="status">
          {agencies.hasNextPage
            ? t('agencies.loadedSome', { count: items.length })
            : t('agencies.loadedAll', { count: items.length })}
        </p>
        <Table<Agency>
          aria-label={t('agencies.tableLabel', { town: townLabel })}
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={items}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('agencies.empty') }}
        />
        {agencies.isError ? <ProblemAlert error={agencies.error} onReload={() => void agencies.refetch()} /> : null}
        {agencies.hasNextPage ? (
          <div className="gz-group-title">
            <Button onClick={() => void agencies.fetchNextPage()} loading={agencies.isFetchingNextPage}>
              {t('common:actions.loadMore')}
            </Button>
          </div>
        ) : null}
      </>
    );
  };

  return (
    <>
      <div className="gz-people-heading">
        <Typography.Title level={1}>{wholeTown ? t('agencies.title') : t('agencies.titleOwn')}</Typography.Title>
        {canManageAgenciesOf(session, town) ? (
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('agencies.create.open')}
          </Button>
        ) : null}
      </div>
      <Typography.Paragraph className="gz-muted">
        {wholeTown ? t('agencies.introManager') : t('agencies.introOwn')}
      </Typography.Paragraph>
      {admin ? (
        <TownPicker
          key={town}
          town={town}
          townName={directory.data?.townName}
          onChange={(next) => setParam('town', next)}
        />
      ) : null}
      {wholeTown ? (
        <div className="gz-filters" role="group" aria-label={t('filtersTitle')}>
          <label className="gz-filter">
            <span>{t('agencies.filters.kind')}</span>
            <Select<AgencyKind>
              aria-label={t('agencies.filters.kind')}
              value={kind}
              placeholder={t('any')}
              allowClear
              popupMatchSelectWidth={false}
              onChange={(next?: AgencyKind) => setParam('kind', next)}
              options={AGENCY_KINDS.map((k) => ({ value: k, label: t(`common:agencyKinds.${k}`) }))}
            />
          </label>
        </div>
      ) : null}
      <section aria-busy={agencies.isFetching}>{body()}</section>
      {creating ? (
        <CreateAgencyDialog
          townCode={town}
          townLabel={townLabel}
          villages={villages ?? []}
          unknownTown={directory.isSuccess && !directory.data.townName && directory.data.villages.length === 0}
          onClose={() => setCreating(false)}
          onCreated={(agency) => {
            setCreating(false);
            void navigate(`/admin/agencies/${agency.id}${search}`);
          }}
        />
      ) : null}
      {agencyId ? (
        <AgencyDrawer
          key={agencyId}
          id={agencyId}
          town={town}
          villages={villages}
          townName={directory.data?.townName}
          onClose={() => void navigate(`/admin/agencies${search}`)}
        />
      ) : null}
    </>
  );
}
