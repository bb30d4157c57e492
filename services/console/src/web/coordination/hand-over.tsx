import { App, Button, Empty, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Task } from '../common/api/client';
import { useEligibleStaff } from '../common/queries/directory';
import { useStaffName } from '../common/queries/staff';
import { FormSelect } from '../common/ui/form-controls';
import { ProblemAlert, showFieldErrors } from '../common/ui/problem';
import { taskKindKey } from '../common/task-labels';
import { useHandOver } from './queries';

interface HandOverValues {
  staffId: string;
  reason: string;
}

/** The modal itself: mounted only while open, so each opening starts with an empty form and a fresh request. */
function HandOverDialog({ task, label, onClose }: { task: Task; label: string; onClose: () => void }) {
  const { t } = useTranslation(['coordination', 'common']);
  const { message } = App.useApp();
  const [form] = Form.useForm<HandOverValues>();
  const handOver = useHandOver(task);
  const holder = useStaffName(task.assigneeStaffId);
  const staff = useEligibleStaff(task.agencyId, task.roles);
  const candidates = (staff ?? []).filter((member) => member.id !== task.assigneeStaffId);
  const kind = t(`common:taskKinds.${taskKindKey(task)}`);
  const submit = async (values: HandOverValues) => {
    try {
      await handOver.mutateAsync({ staffId: values.staffId, reason: values.reason.trim() });
      const name = candidates.find((member) => member.id === values.staffId)?.displayName ?? '';
      void message.success(t('handOver.done', { name }));
      onClose();
    } catch (error) {
      // A task taken or released meanwhile (409) reloads the list by itself; the problem stays in the dialog.
      showFieldErrors(form, error, (path) => (path === 'staffId' || path === 'reason' ? path : undefined));
    }
  };
  return (
    <Modal
      open
      title={t('handOver.title', { action: label, kind })}
      okText={label}
      cancelText={t('common:actions.cancel')}
      okButtonProps={{ disabled: candidates.length === 0 }}
      confirmLoading={handOver.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      {handOver.isError ? <ProblemAlert error={handOver.error} /> : null}
      {task.assigneeStaffId ? (
        <Typography.Paragraph>{t('handOver.current', { name: holder })}</Typography.Paragraph>
      ) : null}
      {staff && candidates.length === 0 ? (
        <Empty description={t('handOver.noCandidates')} />
      ) : (
        <Form form={form} layout="vertical" onFinish={(values) => void submit(values)}>
          <Form.Item
            label={t('handOver.to')}
            name="staffId"
            rules={[{ required: true, message: t('handOver.toRequired') }]}
          >
            <FormSelect
              showSearch
              optionFilterProp="label"
              loading={!staff}
              options={candidates.map((member) => ({ value: member.id, label: member.displayName }))}
            />
          </Form.Item>
          <Form.Item
            label={t('handOver.reason')}
            name="reason"
            extra={t('handOver.reasonHint')}
            rules={[
              { required: true, whitespace: true, message: t('handOver.reasonRequired') },
              { min: 5, transform: (value?: string) => value?.trim(), message: t('handOver.reasonRequired') },
              { max: 500, message: t('handOver.reasonTooLong') },
            ]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

/**
 * 指派 / 改派 with a reason: a coordinator gives a task to another active person of its agency with one of its roles
 * (`assign` when nobody holds it, `reassign` when someone does; for the mediate task the workflow changes who is
 * responsible). The reason is kept as a note on the task.
 */
export function HandOver({ task, title }: { task: Task; title: string }) {
  const { t } = useTranslation(['coordination', 'common']);
  const [open, setOpen] = useState(false);
  const label = task.assigneeStaffId ? t('handOver.reassign') : t('handOver.assign');
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} aria-label={t('common:labelled', { label, value: title })}>
        {label}
      </Button>
      {open ? <HandOverDialog task={task} label={label} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
