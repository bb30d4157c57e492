import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Modal } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { caseApi, newIdempotencyKey, type Task, unwrap } from '../common/api/client';
import { isProblem } from '../common/api/problem';
import { useEligibleStaff } from '../common/queries/directory';
import { TASK_COUNTS_KEY } from '../common/queries/task-counts';
import { hasRole, type SessionInfo } from '../common/session/session';
import { FormSelect } from '../common/ui/form-controls';
import { ProblemAlert, showFieldErrors } from '../common/ui/problem';
import { taskKindKey } from '../common/task-labels';

/** Who hands tasks out: the town's coordinator, and a liaison for their own agency's tasks (case-service decides). */
export function canAssign(task: Task, session: SessionInfo | null | undefined): boolean {
  if (!session || task.status !== 'open') return false;
  if (hasRole(session, 'coordinator')) return true;
  return hasRole(session, 'liaison') && task.agencyId === session.staff.agencyId;
}

/** 指派 (nobody holds the task) or 改派 (someone does): to an active colleague of the task's agency and roles. */
export function AssignTask({ task, onStale }: { task: Task; onStale: () => void }) {
  const { t } = useTranslation(['case', 'common']);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ staffId: string }>();
  const key = useRef(newIdempotencyKey());
  const reassigning = task.assigneeStaffId !== null;
  const candidates = (useEligibleStaff(task.agencyId, task.roles) ?? []).filter(
    (staff) => staff.id !== task.assigneeStaffId,
  );
  const assign = useMutation({
    mutationFn: ({ staffId }: { staffId: string }) => {
      const options = {
        params: { path: { id: task.id }, header: { 'idempotency-key': key.current } },
        body: { staffId },
      };
      return unwrap(
        reassigning
          ? caseApi.POST('/api/v1/tasks/{id}/reassign', options)
          : caseApi.POST('/api/v1/tasks/{id}/assign', options),
      );
    },
    onSuccess: () => {
      key.current = newIdempotencyKey();
      void message.success(t('assigned'));
      setOpen(false);
    },
    onError: (error) => {
      showFieldErrors(form, error, (path) => (path === 'staffId' ? 'staffId' : undefined));
      if (isProblem(error, 409) || isProblem(error, 412)) onStale();
    },
    onSettled: () => {
      for (const queryKey of [['case'], ['tasks'], TASK_COUNTS_KEY]) void queryClient.invalidateQueries({ queryKey });
    },
  });
  const label = reassigning ? t('reassign') : t('assign');
  const kind = t(`common:taskKinds.${taskKindKey(task)}`);
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} aria-label={t('common:labelled', { label, value: kind })}>
        {label}
      </Button>
      {open ? (
        <Modal
          open
          title={t('assignTitle', { kind })}
          okText={label}
          cancelText={t('common:actions.cancel')}
          confirmLoading={assign.isPending}
          onCancel={() => setOpen(false)}
          onOk={() => form.submit()}
        >
          {assign.isError ? <ProblemAlert error={assign.error} /> : null}
          <Form form={form} layout="vertical" onFinish={(values) => assign.mutate(values)}>
            <Form.Item
              label={t('assignTo')}
              name="staffId"
              rules={[{ required: true, message: t('assignToRequired') }]}
            >
              <FormSelect options={candidates.map((staff) => ({ value: staff.id, label: staff.displayName }))} />
            </Form.Item>
          </Form>
        </Modal>
      ) : null}
    </>
  );
}
