import { App, Button, Checkbox, Form, Input, Modal, Popconfirm, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../common/session/session';
import { FormSelect } from '../common/ui/form-controls';
import { showFieldErrors } from '../common/ui/problem';
import { type Names, type TownDirectory } from './directory';
import { levelLabel } from './labels';
import { AdminProblemAlert } from './problem';
import { useDeleteView, useSavedViews, useSaveView } from './queries';
import {
  type SavedView,
  type StaffRole,
  STAFF_ROLES,
  type StuckFilterValues,
  viewFiltersOf,
  viewNameProblem,
} from './stuck-filters';

interface ViewForm {
  name: string;
  shareRoles: StaffRole[];
  shareAgencyIds: string[];
}

/** The filters a view saved, in words: "超期未受理 · 二级 · ≥ 24 小时". */
function useFiltersText(names: Names) {
  const { t, i18n } = useTranslation(['admin', 'common']);
  return (filters: SavedView['filters']): string => {
    const parts = [
      filters.kind ? t(`kinds.${filters.kind}`) : null,
      filters.town ? `${t('stuck.town')} ${filters.town}` : null,
      filters.agencyId ? names.agency(filters.agencyId) : null,
      filters.level ? levelLabel(t, (key) => i18n.exists(key), filters.level) : null,
      filters.minAgeHours ? `${t('stuck.minAgeHours')} ${filters.minAgeHours}` : null,
    ].filter((part): part is string => Boolean(part));
    return parts.length > 0 ? parts.join(' · ') : t('views.noFilters');
  };
}

/** Saves the current filters as a new view, or (an `editing` view) replaces that view's filters and sharing. */
function ViewDialog({
  editing,
  filters,
  directory,
  onClose,
  onSaved,
}: {
  editing: SavedView | undefined;
  filters: StuckFilterValues;
  directory: TownDirectory | undefined;
  onClose: () => void;
  onSaved: (view: SavedView) => void;
}) {
  const { t } = useTranslation(['admin', 'common']);
  const { message } = App.useApp();
  const [form] = Form.useForm<ViewForm>();
  const save = useSaveView();
  const submit = async (values: ViewForm) => {
    try {
      const view = await save.mutateAsync({
        ...(editing ? { id: editing.id } : {}),
        body: {
          name: values.name.trim(),
          filters: viewFiltersOf(filters),
          shareRoles: values.shareRoles,
          shareAgencyIds: values.shareAgencyIds,
        },
      });
      void message.success(t('views.saved', { name: view.name }));
      onSaved(view);
    } catch (error) {
      showFieldErrors(form, error, (path) =>
        path === 'name' || path.startsWith('shareRoles') || path.startsWith('shareAgencyIds')
          ? (path.split('.')[0] as keyof ViewForm)
          : undefined,
      );
    }
  };
  // A view may be shared with agencies of other towns: they stay chosen, under their id, rather than be dropped.
  const agencyOptions = [
    ...(directory?.agencies ?? []).map((agency) => ({ value: agency.id, label: agency.name })),
    ...(editing?.shareAgencyIds ?? [])
      .filter((id) => !directory?.agencies.some((agency) => agency.id === id))
      .map((id) => ({ value: id, label: id })),
  ];
  return (
    <Modal
      open
      title={editing ? t('views.updateTitle', { name: editing.name }) : t('views.saveTitle')}
      okText={t('common:actions.save')}
      cancelText={t('common:actions.cancel')}
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      {save.isError ? <AdminProblemAlert error={save.error} /> : null}
      {editing ? <Typography.Paragraph>{t('views.updateHint')}</Typography.Paragraph> : null}
      <Form<ViewForm>
        form={form}
        layout="vertical"
        initialValues={{
          name: editing?.name ?? '',
          shareRoles: editing?.shareRoles ?? [],
          shareAgencyIds: editing?.shareAgencyIds ?? [],
        }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item
          label={t('views.name')}
          name="name"
          extra={t('views.nameHint')}
          rules={[
            { required: true, whitespace: true, message: t('views.nameRequired') },
            {
              validator: (_rule, value?: string) => {
                const problem = value?.trim() ? viewNameProblem(value.trim()) : undefined;
                if (problem === 'format') return Promise.reject(new Error(t('views.nameFormat')));
                if (problem === 'uuid') return Promise.reject(new Error(t('views.nameUuid')));
                return Promise.resolve();
              },
            },
          ]}
        >
          <Input maxLength={64} autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('views.shareRoles')} name="shareRoles">
          <Checkbox.Group options={STAFF_ROLES.map((role) => ({ value: role, label: t(`common:roles.${role}`) }))} />
        </Form.Item>
        <Form.Item label={t('views.shareAgencies')} name="shareAgencyIds">
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
      {editing ? null : (
        <p className="gz-muted gz-admin-key">
          {t('common:labelled', { label: t('key.label'), value: '' })}
          <Typography.Text code>{save.idempotencyKey}</Typography.Text>
          <br />
          {t('key.hint')}
        </p>
      )}
    </Modal>
  );
}

/**
 * The saved views of the stuck scan: apply one (its filters go into the address), save the current filters as a
 * view shared with roles or agencies, update or delete the chosen one where the person may.
 */
export function SavedViews({
  filters,
  viewId,
  names,
  directory,
  onApply,
  onChosen,
}: {
  filters: StuckFilterValues;
  viewId: string | undefined;
  names: Names;
  directory: TownDirectory | undefined;
  /** The view's filters take the page's place. */
  onApply: (view: SavedView) => void;
  /** The view to show as chosen (a new one after saving it; none after deleting it). */
  onChosen: (viewId: string | undefined) => void;
}) {
  const { t } = useTranslation(['admin', 'common']);
  const { message } = App.useApp();
  const { data: session } = useSession();
  const views = useSavedViews();
  const remove = useDeleteView();
  const [dialog, setDialog] = useState<'new' | 'edit' | undefined>(undefined);
  const filtersText = useFiltersText(names);
  const items = views.data?.items ?? [];
  const chosen = items.find((view) => view.id === viewId);
  const own = (view: SavedView) => view.ownerStaffId === session?.staff.id;
  const sharing = (view: SavedView) => {
    const who = [
      ...view.shareRoles.map((role) => t(`common:roles.${role}`)),
      ...view.shareAgencyIds.map((id) => names.agency(id)),
    ];
    return who.length > 0 ? t('views.sharedWith', { who: who.join(t('common:listSeparator')) }) : t('views.notShared');
  };
  const optionLabel = (view: SavedView) =>
    [view.name, own(view) ? t('views.own') : t('views.shared'), view.editable ? null : t('views.readOnly')]
      .filter(Boolean)
      .join(' · ');
  return (
    <section aria-labelledby="admin-views" className="gz-admin-section">
      <Typography.Title level={2} id="admin-views" className="gz-group-title">
        {t('views.title')}
      </Typography.Title>
      {views.isError ? <AdminProblemAlert error={views.error} onReload={() => void views.refetch()} /> : null}
      {remove.isError ? <AdminProblemAlert error={remove.error} /> : null}
      <div className="gz-admin-views">
        <Select
          aria-label={t('views.choose')}
          placeholder={t('views.placeholder')}
          loading={views.isPending}
          value={chosen?.id}
          allowClear
          showSearch
          optionFilterProp="label"
          // On select rather than on change: choosing the chosen view again applies its filters again (after they
          // were changed on the page); clearing the choice leaves the filters as they are.
          onSelect={(id: string) => {
            const view = items.find((item) => item.id === id);
            if (view) onApply(view);
          }}
          onClear={() => onChosen(undefined)}
          options={items.map((view) => ({ value: view.id, label: optionLabel(view) }))}
        />
        <Button onClick={() => setDialog('new')}>{t('views.saveAs')}</Button>
        <Button disabled={!chosen?.editable} onClick={() => setDialog('edit')}>
          {t('views.update')}
        </Button>
        <Popconfirm
          title={chosen ? t('views.deleteConfirm', { name: chosen.name }) : ''}
          okText={t('views.deleteOk')}
          cancelText={t('common:actions.cancel')}
          okButtonProps={{ danger: true, loading: remove.isPending }}
          disabled={!chosen?.editable}
          onConfirm={async () => {
            if (!chosen) return;
            try {
              await remove.mutateAsync(chosen.id);
              void message.success(t('views.deleted', { name: chosen.name }));
              onChosen(undefined);
            } catch {
              // Shown above the views (the mutation's error).
            }
          }}
        >
          <Button danger disabled={!chosen?.editable}>
            {t('views.delete')}
          </Button>
        </Popconfirm>
      </div>
      {chosen ? (
        <div className="gz-task-meta gz-muted">
          <span>{t('views.filtersSaved', { filters: filtersText(chosen.filters) })}</span>
          <span>{sharing(chosen)}</span>
          <span>{t('views.owner', { name: names.staff(chosen.ownerStaffId) })}</span>
          <span>{chosen.editable ? t('views.editable') : t('views.readOnly')}</span>
        </div>
      ) : null}
      {dialog ? (
        <ViewDialog
          editing={dialog === 'edit' ? chosen : undefined}
          filters={filters}
          directory={directory}
          onClose={() => setDialog(undefined)}
          onSaved={(view) => {
            setDialog(undefined);
            onChosen(view.id);
          }}
        />
      ) : null}
    </section>
  );
}
