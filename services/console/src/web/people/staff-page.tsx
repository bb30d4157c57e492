import './i18n';
import './people.css';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Result, Select, Skeleton, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { newIdempotencyKey } from '../common/api/client';
import { isProblem, ProblemError } from '../common/api/problem';
import { useSession } from '../common/session/session';
import { formatDateTime } from '../common/ui/format';
import { FormSelect } from '../common/ui/form-controls';
import { ProblemAlert, showFieldErrors } from '../common/ui/problem';
import { ToneTag } from '../common/ui/tags';
import {
  assignableRoles,
  canChangeActive,
  canChangeStaff,
  canManageStaff,
  isAdministrator,
  lockedRoles,
  townOfPage,
} from './permissions';
import { StaffProblemAlert } from './problem';
import {
  type Staff,
  useCreateStaff,
  useReloadStaff,
  useStaffAccount,
  useStaffList,
  useTownDirectory,
  useUpdateStaff,
} from './queries';
import {
  changeValuesOf,
  createStaffBody,
  passwordBytes,
  staffFieldOf,
  type StaffChangeValues,
  type StaffFormValues,
  staffPatch,
} from './staff-form';
import {
  type ActiveFilter,
  type AddressFilters,
  addressFiltersOf,
  addressParamsOf,
  narrowsList,
  sortStaff,
  staffQueryOf,
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
  locked = [],
  ...props
}: {
  roles: readonly StaffRole[];
  label: string;
  /** Roles shown ticked that the caller may not take away. */
  locked?: readonly StaffRole[];
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
      options={roles.map((role) => ({ value: role, label: t(`roles.${role}`), disabled: locked.includes(role) }))}
    />
  );
}

/** 新增账号: username, name, agency, roles and the initial password the person is told. */
/** The account's name as cases, tasks and documents show it: required, within the service's limit. */
function DisplayNameField() {
  const { t } = useTranslation(['people', 'common']);
  return (
    <Form.Item
      label={t('staff.create.displayName')}
      name="displayName"
      extra={t('staff.create.displayNameHint')}
      rules={[
        { required: true, whitespace: true, max: LIMITS.displayName, message: t('staff.create.displayNameRequired') },
      ]}
    >
      <Input maxLength={LIMITS.displayName} autoComplete="off" />
    </Form.Item>
  );
}

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
        <DisplayNameField />
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

/**
 * 修改账号: the name and the whole set of roles, from the account as read when the dialog opened (the list's rows carry
 * no ETag), sent back in If-Match with only what changed.
 */
function ChangeStaffDialog({ row, agencyName, onClose }: { row: Staff; agencyName: string; onClose: () => void }) {
  const { t } = useTranslation(['people', 'common']);
  const { message } = App.useApp();
  const { data: session } = useSession();
  const [form] = Form.useForm<StaffChangeValues>();
  const account = useStaffAccount(row.id);
  const update = useUpdateStaff();
  const reload = useReloadStaff();
  const read = account.data;
  const admin = isAdministrator(session);
  const locked = read ? lockedRoles(session, read.staff) : [];
  // The roles the caller may hand out, and any the account holds beyond them, so nothing held is silently dropped.
  const roles = sortRoles([...new Set([...assignableRoles(session), ...(read?.staff.roles ?? [])])]);
  const etag = read?.etag;

  // The account read again after a 412: the form starts over from it, under the alert that says why.
  useEffect(() => {
    if (etag) form.resetFields();
  }, [etag, form]);

  const submit = (values: StaffChangeValues) => {
    if (!read) return;
    const patch = staffPatch(read.staff, values);
    if (Object.keys(patch).length === 0) {
      void message.info(t('staff.change.nothingChanged'));
      onClose();
      return;
    }
    update.mutate(
      { id: read.staff.id, etag: read.etag, patch },
      {
        onSuccess: (changed) => {
          void message.success(t('staff.change.saved', { name: changed.staff.displayName }));
          onClose();
        },
        onError: (error) => {
          if (isProblem(error, 412)) reload(read.staff.id);
          else showFieldErrors(form, error, staffFieldOf);
        },
      },
    );
  };

  const content = () => {
    if (account.isPending) return <Skeleton active />;
    if (!read) return <ProblemAlert error={account.error} onReload={() => void account.refetch()} />;
    return (
      <Form<StaffChangeValues>
        form={form}
        layout="vertical"
        initialValues={changeValuesOf(read.staff)}
        onFinish={submit}
        scrollToFirstError
      >
        <p>
          {t('common:labelled', {
            label: t('staff.change.account'),
            value: t('staff.change.accountOf', { username: read.staff.username, agency: agencyName }),
          })}
        </p>
        {read.staff.active ? null : <Alert type="warning" showIcon message={t('staff.change.inactive')} />}
        <DisplayNameField />
        <Form.Item
          label={t('staff.change.roles')}
          name="roles"
          extra={
            <>
              {admin ? t('staff.change.rolesHint') : t('staff.change.rolesHintCoordinator')}
              {locked.length > 0 ? <div>{t('staff.change.lockedHint')}</div> : null}
            </>
          }
          rules={[{ required: true, type: 'array', min: 1, message: t('staff.create.rolesRequired') }]}
        >
          <RoleChecks roles={roles} locked={locked} label={t('staff.change.roles')} />
        </Form.Item>
      </Form>
    );
  };

  return (
    <Modal
      open
      title={t('staff.change.title', { name: read?.staff.displayName ?? row.displayName })}
      okText={t('staff.change.submit')}
      cancelText={t('common:actions.cancel')}
      okButtonProps={{ disabled: !read }}
      confirmLoading={update.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      {update.isError ? <StaffProblemAlert error={update.error} /> : null}
      {content()}
    </Modal>
  );
}

/**
 * 停用 / 启用: confirmed against the account as read when the dialog opened. Deactivating says what follows at once:
 * the person is signed out (their refresh tokens are revoked) and the tasks they hold go back to the queue.
 */
function ActiveDialog({ row, active, onClose }: { row: Staff; active: boolean; onClose: () => void }) {
  const { t } = useTranslation(['people', 'common']);
  const { message } = App.useApp();
  const account = useStaffAccount(row.id);
  const update = useUpdateStaff();
  const reload = useReloadStaff();
  const read = account.data;
  // Someone else made the same change meanwhile: nothing is left to do.
  const already = read?.staff.active === active;
  const words = active ? 'reactivate' : 'deactivate';

  const confirm = () => {
    if (!read || already) return;
    update.mutate(
      { id: read.staff.id, etag: read.etag, patch: { active } },
      {
        onSuccess: (changed) => {
          void message.success(t(`staff.${words}.done`, { name: changed.staff.displayName }));
          onClose();
        },
        onError: (error) => {
          if (isProblem(error, 412)) reload(read.staff.id);
        },
      },
    );
  };

  const content = () => {
    if (account.isPending) return <Skeleton active />;
    if (!read) return <ProblemAlert error={account.error} onReload={() => void account.refetch()} />;
    if (already) return <Alert type="info" showIcon message={t(`staff.${words}.already`)} />;
    const who = { name: read.staff.displayName, username: read.staff.username };
    return active ? (
      <p>
        {t('staff.reactivate.question', who)} {t('staff.reactivate.signIn')}
      </p>
    ) : (
      <>
        <p>{t('staff.deactivate.question', who)}</p>
        <ul className="gz-people-effects">
          <li>{t('staff.deactivate.signedOut')}</li>
          <li>{t('staff.deactivate.tasksReturn')}</li>
          <li>{t('staff.deactivate.kept')}</li>
        </ul>
      </>
    );
  };

  return (
    <Modal
      open
      title={t(`staff.${words}.title`)}
      okText={t(`staff.${words}.submit`)}
      cancelText={t('common:actions.cancel')}
      okButtonProps={{ danger: !active, disabled: !read || already }}
      confirmLoading={update.isPending}
      onCancel={onClose}
      onOk={confirm}
    >
      {update.isError ? <StaffProblemAlert error={update.error} /> : null}
      {content()}
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

/** The text typed, once typing pauses: one request for a word rather than one a keystroke. */
function useSettled(value: string, delayMs = 300): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

type Changing = { row: Staff; kind: 'change' | 'deactivate' | 'reactivate' };

/**
 * 人员管理 (`/admin/staff`): the staff accounts a coordinator (their town) or an administrator (every town) may list,
 * filtered by the service (agency, role, status, part of a name or username). New accounts are added here, and
 * accounts renamed, given other roles, deactivated and reactivated by whom the service allows.
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
  // Typed text stays in the page, never in the address.
  const [text, setText] = useState('');
  const settledText = useSettled(text);
  const query = useMemo(() => staffQueryOf(filters, settledText), [filters, settledText]);
  const staff = useStaffList(query, allowed);
  const [creating, setCreating] = useState(false);
  const [changing, setChanging] = useState<Changing | null>(null);

  const agencies = useMemo(() => directory.data?.agencies ?? [], [directory.data]);
  const rows = useMemo(() => sortStaff(staff.data?.pages.flatMap((page) => page.items) ?? []), [staff.data]);

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
          <ToneTag tone="warning">{t('staff.statuses.inactive')}</ToneTag>
        ),
    },
    {
      key: 'createdAt',
      title: t('staff.columns.createdAt'),
      render: (_value, row) => formatDateTime(row.createdAt, i18n.language),
    },
    {
      key: 'actions',
      title: t('staff.columns.actions'),
      render: (_value, row) =>
        canChangeStaff(session, row) ? (
          <div className="gz-people-actions">
            <Button
              type="link"
              size="small"
              aria-label={t('staff.actions.changeNamed', { name: row.displayName })}
              onClick={() => setChanging({ row, kind: 'change' })}
            >
              {t('staff.actions.change')}
            </Button>
            {!canChangeActive(session, row) ? null : row.active ? (
              <Button
                type="link"
                size="small"
                danger
                aria-label={t('staff.actions.deactivateNamed', { name: row.displayName })}
                onClick={() => setChanging({ row, kind: 'deactivate' })}
              >
                {t('staff.actions.deactivate')}
              </Button>
            ) : (
              <Button
                type="link"
                size="small"
                aria-label={t('staff.actions.reactivateNamed', { name: row.displayName })}
                onClick={() => setChanging({ row, kind: 'reactivate' })}
              >
                {t('staff.actions.reactivate')}
              </Button>
            )}
          </div>
        ) : null,
    },
  ];

  const loaded = rows.length;

  const body = () => {
    if (staff.isPending) return <Skeleton active />;
    if (staff.isError && loaded === 0)
      return <ProblemAlert error={staff.error} onReload={() => void staff.refetch()} />;
    return (
      <>
        <p className="gz-muted" role="status">
          {staff.hasNextPage ? t('staff.loadedSome', { count: loaded }) : t('staff.loadedAll', { count: loaded })}
        </p>
        <Table<Staff>
          aria-label={t('staff.tableLabel')}
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          rowClassName={(row) => (row.active ? '' : 'gz-people-inactive')}
          locale={{ emptyText: narrowsList(query) ? t('staff.empty') : t('staff.none') }}
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
      {changing?.kind === 'change' ? (
        <ChangeStaffDialog
          key={changing.row.id}
          row={changing.row}
          agencyName={agencyName(changing.row)}
          onClose={() => setChanging(null)}
        />
      ) : changing ? (
        <ActiveDialog
          key={`${changing.row.id}-${changing.kind}`}
          row={changing.row}
          active={changing.kind === 'reactivate'}
          onClose={() => setChanging(null)}
        />
      ) : null}
    </>
  );
}
