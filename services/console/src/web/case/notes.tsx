import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, List } from 'antd';
import { useTranslation } from 'react-i18next';
import { caseApi, newIdempotencyKey, unwrap } from '../common/api/client';
import { StaffName } from '../common/queries/staff';
import { formatDateTime } from '../common/ui/format';
import { ProblemAlert, showFieldErrors } from '../common/ui/problem';
import { useNotes } from './queries';

/** A task's working notes; their text never reaches logs or the workflow (case-service keeps it to itself). */
export function TaskNotes({ taskId }: { taskId: string }) {
  const { t, i18n } = useTranslation('case');
  const { message } = App.useApp();
  const notes = useNotes(taskId);
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ text: string }>();
  const add = useMutation({
    mutationFn: (text: string) =>
      unwrap(
        caseApi.POST('/api/v1/tasks/{id}/notes', {
          params: { path: { id: taskId }, header: { 'idempotency-key': newIdempotencyKey() } },
          body: { text },
        }),
      ),
    onSuccess: () => {
      form.resetFields();
      void message.success(t('noteAdded'));
      void queryClient.invalidateQueries({ queryKey: ['case', 'notes', taskId] });
    },
    onError: (error) => showFieldErrors(form, error, (path) => (path === 'text' ? 'text' : undefined)),
  });
  return (
    <>
      {notes.isError ? <ProblemAlert error={notes.error} /> : null}
      <List
        size="small"
        locale={{ emptyText: t('noNotes') }}
        dataSource={notes.data?.items ?? []}
        rowKey="id"
        renderItem={(note) => (
          <List.Item>
            <List.Item.Meta
              title={note.text}
              description={
                <>
                  {formatDateTime(note.createdAt, i18n.language)} · <StaffName id={note.authorStaffId} />
                </>
              }
            />
          </List.Item>
        )}
      />
      {add.isError ? <ProblemAlert error={add.error} /> : null}
      <Form form={form} layout="vertical" onFinish={({ text }) => add.mutate(text)}>
        <Form.Item
          label={t('noteText')}
          name="text"
          rules={[{ required: true, whitespace: true, message: t('noteRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Button htmlType="submit" loading={add.isPending}>
          {t('addNote')}
        </Button>
      </Form>
    </>
  );
}
