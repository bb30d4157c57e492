import './i18n';
import './people.css';
import { App, Button, Checkbox, Form, Input, Modal, Result, Select, Skeleton, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { newIdempotencyKey } from '../common/api/client';
import { isProblem, ProblemError } from '../common/api/problem';
import { useSession } from '../common/session/session';
import { formatDateTime } from '../common/ui/format';
import { FormSelect } from '../common/ui/form-controls';
import { ProblemAlert, showFieldErrors } from '../common/ui/problem';
import { ToneTag } from '../common/ui/tags';
import { assignableRoles, canManageStaff, isAdministrator, townOfPage } from './permissions';
import { type Staff, useCreateStaff, useStaffList, useTownDirectory } from './queries';
import { createStaffBody, passwordBytes, staffFieldOf, type StaffFormValues } from './staff-form';
import {
  type ActiveFilter,
  type AddressFilters,
  addressFiltersOf,
  addressParamsOf,
  type LoadedFilters,
  narrowStaff,
  narrowsLoaded,
} from './staff-list';
import { TownPicker } from './town-picker';
import { LIMITS, sortRoles, STAFF_ROLES, type StaffRole, USERNAME } from './vocabulary';

type DirectoryAgency = { id: string; name: string };

/** Ant Design passes `role` on to a Checkbox.Group's element but does not declare it (as RADIO_GROUP_ROLE). */
const GROUP_ROLE = { role: 'group' } as const;

/**
 * A Checkbox.Group inside a validated Form.Item, read as one named group. The item hands it `aria-required`, which a
 * group may not carry (axe: aria-allowed-attr); the label's asterisk and the error text beside the field still say it.
 */
function RoleChecks({
  roles,
  label,
  ...props
}: {
  roles: readonly StaffRole[];
  label: string;
  value?: StaffRole[];
  onChange?: (value: StaffRole[]) => void;
  'aria-required'?: unknown;
  'aria-invalid'?: unknown;
  id?: string;
}) {
  const { t } = useTranslation('common');
  const { 'aria-required': _required, ...rest } = props;
  return (
    <Checkbox.Group<StaffRole>
      {...rest}
      {...GROUP_ROLE}
      aria-label={label}
      className="gz-people-roles"
      options={roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
    />
  );
}

/** 新增账号: username, name, agency, roles and the initial password the person is told. */
function CreateStaffDialog({
  agencies,
  agenciesLoading,
  defaultAgencyId,
  onClose,
}: {
  agencies: readonly DirectoryAgency[];
  agenciesLoading: boolean;
  defaultAgencyId: string | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation(['people', 'common']);
  const { message } = App.useApp();
  const { data: session } = useSession();
  const [form] = Form.useForm<StaffFormValues>();
  const key = useRef(newIdempotencyKey());
  const create = useCreateStaff();
  // A refusal shown beside its field (a taken username, an agency out of reach) needs no alert above the form.
  const [besideField, setBesideField] = useState(false);
  const roles = assignableRoles(session);
  const admin = isAdministrator(session);

  const submit = (values: StaffFormValues) => {
    const body = createStaffBody(values);
    setBesideField(false);
    create.mutate(
      { body, key: key.current },
      {
        onSuccess: (created) => {
          key.current = newIdempotencyKey();
          void message.success(t('staff.create.created', { name: created.displayName, username: created.username }));
          onClose();
        },
        onError: (error) => {
          // An answered refusal: the corrected form is a new request. A lost answer keeps the key for the retry.
          if (error instanceof ProblemError) key.current = newIdempotencyKey();
          if (isProblem(error, 409)) {
            form.setFields([
              { name: 'username', errors: [t('staff.create.usernameTaken', { username: body.username })] },
            ]);
            setBesideField(true);
          } else if (isProblem(error, 404)) {
            form.setFields([{ name: 'agencyId', errors: [t('staff.create.agencyNotVisible')] }]);
            setBesideField(true);
          } else {
            showFieldErrors(form, error, staffFieldOf);
          }
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t('staff.create.title')}
      okText={t('staff.create.submit')}
      cancelText={t('common:actions.cancel')}
      confirmLoading={create.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      {create.isError && !besideField ? <ProblemAlert error={create.error} /> : null}
      <Form<StaffFormValues>
        form={form}
        layout="vertical"
        initialValues={{ roles: [], ...(defaultAgencyId ? { agencyId: defaultAgencyId } : {}) }}
        onFinish={submit}
        scrollToFirstError
      >
        <Form.Item
          label={t('staff.create.username')}
          name="username"
          extra={t('staff.create.usernameHint')}
          rules={[
            {
              required: true,
              pattern: USERNAME,
              transform: (v?: string) => v?.trim(),
              message: t('staff.create.usernameInvalid'),
            },
          ]}
        >
          <Input maxLength={40} autoComplete="off" spellCheck={false} autoCapitalize="none" />
        </Form.Item>
        <Form.Item
          label={t('staff.create.displayName')}
          name="displayName"
          extra={t('staff.create.displayNameHint')}
          rules={[
            {
              required: true,
              whitespace: true,
              max: LIMITS.displayName,
              message: t('staff.create.displayNameRequired'),
            },
          ]}
        >
          <Input maxLength={LIMITS.displayName} autoComplete="off" />
        </Form.Item>
        <Form.Item
          label={t('staff.create.agency')}
          name="agencyId"
          {...(admin ? { extra: t('staff.create.agencyHintAdministrator') } : {})}
          rules={[{ required: true, message: t('staff.create.agencyRequired') }]}
        >
          <FormSelect
            showSearch
            optionFilterProp="label"
            loading={agenciesLoading}
            options={agencies.map((agency) => ({ value: agency.id, label: agency.name }))}
          />
        </Form.Item>
        <Form.Item
          label={t('staff.create.roles')}
          name="roles"
          extra={admin ? t('staff.create.rolesHint') : t('staff.create.rolesHintCoordinator')}
          rules={[{ required: true, type: 'array', min: 1, message: t('staff.create.rolesRequired') }]}
        >
          <RoleChecks roles={roles} label={t('staff.create.roles')} />
        </Form.Item>
        <Form.Item
          label={t('staff.create.password')}
          name="password"
          extra={t('staff.create.passwordHint')}
          rules={[
            {
              required: true,
              min: LIMITS.password.min,
              max: LIMITS.password.max,
              message: t('staff.create.passwordInvalid'),
            },
            {
              warningOnly: true,
              validator: (_rule, value?: string) =>
                value && passwordBytes(value) > LIMITS.password.max
                  ? Promise.reject(new Error(t('staff.create.passwordTooManyBytes')))
                  : Promise.resolve(),
            },
          ]}
        >
          <Input.Password maxLength={LIMITS.password.max} autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One labelled filter of the list. */
function Filter({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <label className="gz-filter">
      <span>{label}</span>
      {children}
    </label>
  );
}

/**
 * 人员管理 (`/admin/staff`): the staff accounts a coordinator (their town) or an administrator (every town) may list,
 * by agency as the API pages them; role, status and name narrow the rows loaded. New accounts are added here.
 */
export function StaffAdminPage() {
  const { t, i18n } = useTranslation(['people', 'common']);
  const { data: session } = useSession();
  const allowed = canManageStaff(session);
  const admin = isAdministrator(session);
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => addressFiltersOf(params), [params]);
  const town = townOfPage(session, filters.town);
  const directory = useTownDirectory(allowed ? town : '');
  const staff = useStaffList(filters.agencyId, allowed);
  // Typed text stays in the page, never in the address.
  const [text, setText] = useState('');
  const [creating, setCreating] = useState(false);

  const agencies = useMemo(() => directory.data?.agencies ?? [], [directory.data]);
  const loaded = useMemo(() => staff.data?.pages.flatMap((page) => page.items) ?? [], [staff.data]);
  const narrowing = useMemo<LoadedFilters>(
    () => ({
      ...(filters.role ? { role: filters.role } : {}),
      ...(filters.active ? { active: filters.active } : {}),
      text,
    }),
    [filters.role, filters.active, text],
  );
  const rows = useMemo(() => narrowStaff(loaded, narrowing), [loaded, narrowing]);

  const setFilters = (next: AddressFilters) => setParams(addressParamsOf(next), { replace: true });

  if (!allowed) {
    return (
      <>
        <Typography.Title level={1}>{t('staff.title')}</Typography.Title>
        <Result status="403" title={t('staff.notAllowed.title')} subTitle={t('staff.notAllowed.detail')} />
      </>
    );
  }

  const agencyName = (row: Staff) =>
    agencies.find((agency) => agency.id === row.agencyId)?.name ??
    (row.townCode !== town ? t('staff.agencyElsewhere', { town: row.townCode }) : t('common:people.otherAgency'));

  const columns: ColumnsType<Staff> = [
    { key: 'displayName', title: t('staff.columns.displayName'), dataIndex: 'displayName' },
    {
      key: 'username',
      title: t('staff.columns.username'),
      render: (_value, row) => <span className="gz-people-code">{row.username}</span>,
    },
    { key: 'agency', title: t('staff.columns.agency'), render: (_value, row) => agencyName(row) },
    ...(admin ? [{ key: 'town', title: t('staff.columns.town'), dataIndex: 'townCode' }] : []),
    {
      key: 'roles',
      title: t('staff.columns.roles'),
      render: (_value, row) =>
        sortRoles(row.roles)
          .map((role) => t(`common:roles.${role}`))
          .join(t('common:listSeparator')),
    },
    {
      key: 'status',
      title: t('staff.columns.status'),
      render: (_value, row) =>
        row.active ? (
          <ToneTag tone="ok">{t('staff.statuses.active')}</ToneTag>
        ) : (
          <ToneTag tone="neutral">{t('staff.statuses.inactive')}</ToneTag>
        ),
    },
    {
      key: 'createdAt',
      title: t('staff.columns.createdAt'),
      render: (_value, row) => formatDateTime(row.createdAt, i18n.language),
    },
  ];

  const body = () => {
    if (staff.isPending) return <Skeleton active />;
    if (staff.isError && loaded.length === 0)
      return <ProblemAlert error={staff.error} onReload={() => void staff.refetch()} />;
    return (
      <>
        <p className="gz-muted" role="status">
          {staff.hasNextPage
            ? t('staff.loadedSome', { count: loaded.length })
            : t('staff.loadedAll', { count: loaded.length })}
          {narrowsLoaded(narrowing) ? ` ${t('staff.shown', { shown: rows.length })}` : ''}
        </p>
        {narrowsLoaded(narrowing) && staff.hasNextPage ? <p className="gz-muted">{t('staff.narrowedNote')}</p> : null}
        <Table<Staff>
          aria-label={t('staff.tableLabel')}
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('staff.empty') }}
        />
        {staff.isError ? <ProblemAlert error={staff.error} onReload={() => void staff.refetch()} /> : null}
        {staff.hasNextPage ? (
          <div className="gz-group-title">
            <Button onClick={() => void staff.fetchNextPage()} loading={staff.isFetchingNextPage}>
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
        <Typography.Title level={1}>{t('staff.title')}</Typography.Title>
        <Button type="primary" onClick={() => setCreating(true)}>
          {t('staff.create.open')}
        </Button>
      </div>
      <Typography.Paragraph className="gz-muted">
        {admin ? t('staff.introAdministrator') : t('staff.introCoordinator')}
      </Typography.Paragraph>
      {admin ? (
        <TownPicker
          key={town}
          town={town}
          townName={directory.data?.townName}
          // Another town's agencies: the agency chosen from the last one no longer applies.
          onChange={(next) => setFilters({ ...filters, town: next, agencyId: undefined })}
        />
      ) : null}
      {directory.isError ? <ProblemAlert error={directory.error} onReload={() => void directory.refetch()} /> : null}
      <div className="gz-filters gz-people-filters" role="group" aria-label={t('filtersTitle')}>
        <Filter label={t('staff.filters.agency')}>
          <Select
            aria-label={t('staff.filters.agency')}
            value={filters.agencyId}
            placeholder={t('any')}
            allowClear
            showSearch
            optionFilterProp="label"
            popupMatchSelectWidth={false}
            loading={directory.isPending}
            onChange={(agencyId?: string) => setFilters({ ...filters, agencyId })}
            options={agencies.map((agency) => ({ value: agency.id, label: agency.name }))}
          />
        </Filter>
        <Filter label={t('staff.filters.role')}>
          <Select<StaffRole>
            aria-label={t('staff.filters.role')}
            value={filters.role}
            placeholder={t('any')}
            allowClear
            popupMatchSelectWidth={false}
            onChange={(role?: StaffRole) => setFilters({ ...filters, role })}
            options={STAFF_ROLES.map((role) => ({ value: role, label: t(`common:roles.${role}`) }))}
          />
        </Filter>
        <Filter label={t('staff.filters.status')}>
          <Select<ActiveFilter>
            aria-label={t('staff.filters.status')}
            value={filters.active}
            placeholder={t('any')}
            allowClear
            popupMatchSelectWidth={false}
            onChange={(active?: ActiveFilter) => setFilters({ ...filters, active })}
            options={(['active', 'inactive'] as const).map((status) => ({
              value: status,
              label: t(`staff.statuses.${status}`),
            }))}
          />
        </Filter>
        <Filter label={t('staff.filters.search')}>
          <Input
            aria-label={t('staff.filters.search')}
            placeholder={t('staff.filters.searchPlaceholder')}
            value={text}
            allowClear
            maxLength={60}
            autoComplete="off"
            onChange={(event) => setText(event.target.value)}
          />
        </Filter>
      </div>
      <section aria-busy={staff.isFetching}>{body()}</section>
      {creating ? (
        <CreateStaffDialog
          agencies={agencies}
          agenciesLoading={directory.isPending}
          defaultAgencyId={filters.agencyId}
          onClose={() => setCreating(false)}
        />
      ) : null}
    </>
  );
}
