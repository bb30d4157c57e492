import './i18n';
import './task-views.css';
import { App, Button, Checkbox, Form, Input, Modal, Popconfirm, Select, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newIdempotencyKey } from '../common/api/client';
import { type TownDirectory, useDirectory } from '../common/queries/directory';
import { useStaffName } from '../common/queries/staff';
import { useSession } from '../common/session/session';
import { FormSelect } from '../common/ui/form-controls';
import { ProblemAlert, showFieldErrors } from '../common/ui/problem';
import {
  definedFilters,
  FILTER_KEYS,
  type FilterKey,
  sameFilters,
  SHARE_ROLES,
  type SavedTaskView,
  type StaffRole,
  type TaskViewFilters,
  unsupportedFilters,
  viewNameProblem,
  viewRequestOf,
} from './filters';
import { readTaskView, useDeleteTaskView, useSaveTaskView, useTaskViews } from './queries';

export interface TaskViewsControlProps {
  /** The page's filters as they are now: what "save" and "update" keep. */
  filters: TaskViewFilters;
  /**
   * Puts a view's filters in the page's place (the page keeps them where it keeps its own, e.g. its address); returns
   * any it could not apply (a view of the queue the page has no tab for), to be told with the unsupported ones.
   */
  onApply: (filters: TaskViewFilters, view: SavedTaskView) => readonly FilterKey[] | void;
  /** The filters the page has; applying a view with others tells the person which were left out. All by default. */
  supported?: readonly FilterKey[];
}

interface ViewForm {
  name: string;
  shareRoles: StaffRole[];
  shareAgencyIds: string[];
}

/** A view's filters in words: "全镇 · 接收移交 · 小坝 · 超期：是". */
function useFiltersText(directory: TownDirectory | undefined) {
  const { t } = useTranslation(['taskViews', 'common']);
  const valueOf = (key: FilterKey, value: string | boolean): string => {
    if (typeof value === 'boolean') return value ? t('yes') : t('no');
    switch (key) {
      case 'view':
        return t(`views.${value}`);
      case 'status':
        return t(`statuses.${value}`);
      case 'kind':
        return t(`common:taskKinds.${value}`);
      case 'agencyId':
        return directory?.agencies.find((agency) => agency.id === value)?.name ?? t('common:people.otherAgency');
      case 'level':
        return t(`common:levels.${value}`);
      case 'villageCode':
        return directory?.villages.find((village) => village.code === value)?.name ?? value;
      case 'disputeType':
        return t(`common:disputeTypes.${value}`);
      case 'priority':
        return t(`priorities.${value}`);
      default:
        return t(`sorts.${value}`);
    }
  };
  return (filters: TaskViewFilters): string => {
    const set = definedFilters(filters);
    const parts = FILTER_KEYS.flatMap((key) => {
      const value = set[key];
      return value === undefined
        ? []
        : [t('common:labelled', { label: t(`filterNames.${key}`), value: valueOf(key, value) })];
    });
    return parts.length > 0 ? parts.join(' · ') : t('noFilters');
  };
}

/** Saves the page's filters as a new view, or (`editing`, read at `etag`) replaces that view with them. */
function ViewDialog({
  editing,
  filters,
  directory,
  onClose,
  onSaved,
}: {
  editing: { view: SavedTaskView; etag: string | undefined } | undefined;
  filters: TaskViewFilters;
  directory: TownDirectory | undefined;
  onClose: () => void;
  onSaved: (view: SavedTaskView) => void;
}) {
  const { t } = useTranslation(['taskViews', 'common']);
  const { message } = App.useApp();
  const [form] = Form.useForm<ViewForm>();
  const save = useSaveTaskView();
  // One key per submission: a retry of the same contents (a lost answer) sends it again; other contents, a new one.
  const submission = useRef<{ key: string; sent: string | null }>({ key: newIdempotencyKey(), sent: null });
  const submit = async (values: ViewForm) => {
    const body = viewRequestOf(values.name, filters, values.shareRoles, values.shareAgencyIds);
    const json = JSON.stringify(body);
    if (submission.current.sent !== null && submission.current.sent !== json) {
      submission.current = { key: newIdempotencyKey(), sent: null };
    }
    submission.current.sent = json;
    try {
      const view = await save.mutateAsync({
        ...(editing ? { id: editing.view.id, ...(editing.etag ? { etag: editing.etag } : {}) } : {}),
        body,
        idempotencyKey: submission.current.key,
      });
      void message.success(t('saved', { name: view.name }));
      onSaved(view);
    } catch (error) {
      showFieldErrors(form, error, (path) => {
        const field = path.split('.')[0];
        return field === 'name' || field === 'shareRoles' || field === 'shareAgencyIds' ? field : undefined;
      });
    }
  };
  // An agency the view was shared with that the directory no longer lists stays chosen, under its id.
  const agencyOptions = [
    ...(directory?.agencies ?? []).map((agency) => ({ value: agency.id, label: agency.name })),
    ...(editing?.view.shareAgencyIds ?? [])
      .filter((id) => !directory?.agencies.some((agency) => agency.id === id))
      .map((id) => ({ value: id, label: id })),
  ];
  return (
    <Modal
      open
      title={editing ? t('updateTitle', { name: editing.view.name }) : t('saveTitle')}
      okText={t('common:actions.save')}
      cancelText={t('common:actions.cancel')}
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      {save.isError ? <ProblemAlert error={save.error} /> : null}
      <Typography.Paragraph>{t('updateHint')}</Typography.Paragraph>
      <Form<ViewForm>
        form={form}
        layout="vertical"
        initialValues={{
          name: editing?.view.name ?? '',
          shareRoles: editing?.view.shareRoles ?? [],
          shareAgencyIds: editing?.view.shareAgencyIds ?? [],
        }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item
          label={t('name')}
          name="name"
          extra={t('nameHint')}
          rules={[
            { required: true, whitespace: true, message: t('nameRequired') },
            {
              validator: (_rule, value?: string) => {
                const trimmed = value?.trim() ?? '';
                const problem = trimmed ? viewNameProblem(trimmed) : undefined;
                if (problem === 'length') return Promise.reject(new Error(t('nameLength')));
                if (problem === 'format') return Promise.reject(new Error(t('nameFormat')));
                if (problem === 'uuid') return Promise.reject(new Error(t('nameUuid')));
                return Promise.resolve();
              },
            },
          ]}
        >
          <Input maxLength={70} autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('shareRoles')} name="shareRoles">
          <Checkbox.Group options={SHARE_ROLES.map((role) => ({ value: role, label: t(`common:roles.${role}`) }))} />
        </Form.Item>
        <Form.Item label={t('shareAgencies')} name="shareAgencyIds" extra={t('shareHint')}>
          <FormSelect<string[]>
            mode="multiple"
            allowClear
            showSearch
            optionFilterProp="label"
            maxCount={50}
            options={agencyOptions}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * The saved views of a task list: apply one (the page takes its filters), save the page's filters as a view shared
 * with roles and/or agencies, update or delete the chosen one where the person may (its owner; an administrator it
 * is shared with).
 */
export function TaskViewsControl({ filters, onApply, supported = FILTER_KEYS }: TaskViewsControlProps) {
  const { t } = useTranslation(['taskViews', 'common']);
  const { message } = App.useApp();
  const { data: session } = useSession();
  const directory = useDirectory();
  const views = useTaskViews();
  const remove = useDeleteTaskView();
  const [chosenId, setChosenId] = useState<string | undefined>(undefined);
  const [dialog, setDialog] = useState<{ editing?: { view: SavedTaskView; etag: string | undefined } }>();
  const [reading, setReading] = useState(false);
  const [readError, setReadError] = useState<unknown>(undefined);
  const filtersText = useFiltersText(directory.data);
  const items = views.data?.items ?? [];
  const chosen = items.find((view) => view.id === chosenId);
  const changed = chosen !== undefined && !sameFilters(chosen.filters, filters);
  const ownerName = useStaffName(chosen?.ownerStaffId);
  const own = (view: SavedTaskView) => view.ownerStaffId === session?.staff.id;
  const optionLabel = (view: SavedTaskView) =>
    [view.name, own(view) ? t('own') : t('shared'), view.editable ? null : t('readOnly')].filter(Boolean).join(' · ');
  const sharing = (view: SavedTaskView) => {
    const separator = t('common:listSeparator');
    const roles = view.shareRoles.map((role) => t(`common:roles.${role}`)).join(separator);
    const agencies = view.shareAgencyIds
      .map((id) => directory.data?.agencies.find((agency) => agency.id === id)?.name ?? t('common:people.otherAgency'))
      .join(separator);
    if (roles && agencies) return t('sharedWithBoth', { roles, agencies });
    if (roles || agencies) return t('sharedWith', { who: roles || agencies });
    return t('notShared');
  };
  const apply = (view: SavedTaskView) => {
    setChosenId(view.id);
    const refused = onApply(definedFilters(view.filters), view) ?? [];
    const unsupported = unsupportedFilters(view.filters, supported);
    const left = FILTER_KEYS.filter((key) => unsupported.includes(key) || refused.includes(key));
    if (left.length === 0) void message.success(t('applied', { name: view.name }));
    else
      void message.info(
        t('notHere', { filters: left.map((key) => t(`filterNames.${key}`)).join(t('common:listSeparator')) }),
        6,
      );
  };
  const startUpdate = async () => {
    if (!chosen) return;
    setReading(true);
    setReadError(undefined);
    try {
      // Read afresh: the replacement is sent If-Match this version, so a colleague's change in between is not lost.
      setDialog({ editing: await readTaskView(chosen.id) });
    } catch (error) {
      setReadError(error);
    } finally {
      setReading(false);
    }
  };
  const problem = views.error ?? remove.error ?? readError;
  return (
    <div role="group" aria-label={t('group')} className="gz-task-views">
      {problem ? (
        <ProblemAlert error={problem} onReload={views.isError ? () => void views.refetch() : undefined} />
      ) : null}
      <div className="gz-filters">
        <Select
          aria-label={t('choose')}
          placeholder={t('placeholder')}
          loading={views.isPending}
          value={chosen?.id}
          allowClear
          showSearch
          optionFilterProp="label"
          popupMatchSelectWidth={false}
          className="gz-task-views-choose"
          onChange={(id?: string) => {
            const view = items.find((item) => item.id === id);
            if (view) apply(view);
            else setChosenId(undefined);
          }}
          options={items.map((view) => ({ value: view.id, label: optionLabel(view) }))}
        />
        <Button onClick={() => setDialog({})}>{t('saveAs')}</Button>
        <Button disabled={!chosen?.editable} loading={reading} onClick={() => void startUpdate()}>
          {t('update')}
        </Button>
        <Popconfirm
          title={chosen ? t('deleteConfirm', { name: chosen.name }) : ''}
          okText={t('deleteOk')}
          cancelText={t('common:actions.cancel')}
          okButtonProps={{ danger: true, loading: remove.isPending }}
          disabled={!chosen?.editable}
          onConfirm={async () => {
            if (!chosen) return;
            try {
              await remove.mutateAsync(chosen.id);
              void message.success(t('deleted', { name: chosen.name }));
              setChosenId(undefined);
            } catch {
              // Shown above the views (the mutation's error).
            }
          }}
        >
          <Button danger disabled={!chosen?.editable}>
            {t('delete')}
          </Button>
        </Popconfirm>
      </div>
      {chosen ? (
        <div className="gz-task-meta gz-muted">
          <span>
            {t('filtersSaved', { filters: filtersText(chosen.filters) })}
            {changed ? ` ${t('changed')}` : ''}
          </span>
          <span>{sharing(chosen)}</span>
          <span>{t('owner', { name: ownerName })}</span>
        </div>
      ) : null}
      {dialog ? (
        <ViewDialog
          editing={dialog.editing}
          filters={filters}
          directory={directory.data}
          onClose={() => setDialog(undefined)}
          onSaved={(view) => {
            setDialog(undefined);
            setChosenId(view.id);
          }}
        />
      ) : null}
    </div>
  );
}
