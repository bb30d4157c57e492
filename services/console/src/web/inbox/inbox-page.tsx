import './i18n';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Empty, Form, Modal, Radio, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { caseApi, type InboxItem, type RejectionReason, unwrap } from '../common/api/client';
import { useCompleteTask } from '../common/queries/complete-task';
import { AgencyName, useDirectory, useEligibleStaff, useVillageName } from '../common/queries/directory';
import { useSession } from '../common/session/session';
import { formatDateTime, formatYuan } from '../common/ui/format';
import { FormSelect, RADIO_GROUP_ROLE } from '../common/ui/form-controls';
import { ProblemAlert } from '../common/ui/problem';
import { DueTag, RiskTags } from '../common/ui/tags';
import { REJECTION_REASONS } from '../common/api/vocabulary';

/** Active mediators of the caller's agency, from the town directory: who may be named responsible for the case. */
function useAgencyMediators() {
  const { data: session } = useSession();
  const directory = useDirectory();
  const mediators = useEligibleStaff(session?.staff.agencyId ?? '', ['mediator']);
  return { ...directory, data: mediators };
}

function AcceptDialog({ item, onClose }: { item: InboxItem; onClose: () => void }) {
  const { t } = useTranslation(['inbox', 'common']);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ responsibleStaffId: string }>();
  const complete = useCompleteTask(item.task.id);
  const mediators = useAgencyMediators();
  const submit = async ({ responsibleStaffId }: { responsibleStaffId: string }) => {
    await complete.mutateAsync({ kind: 'accept-transfer', responsibleStaffId });
    void message.success(t('accepted'));
    onClose();
  };
  return (
    <Modal
      open
      title={t('acceptTitle')}
      onCancel={onClose}
      okText={t('accept')}
      cancelText={t('common:actions.cancel')}
      confirmLoading={complete.isPending}
      onOk={() => form.submit()}
    >
      {complete.isError ? <ProblemAlert error={complete.error} /> : null}
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values).catch(() => undefined)}>
        <Form.Item
          label={t('responsible')}
          name="responsibleStaffId"
          rules={[{ required: true, message: t('responsibleRequired') }]}
          initialValue={mediators.data?.length === 1 ? mediators.data[0]?.id : undefined}
        >
          <FormSelect
            loading={mediators.isPending}
            options={(mediators.data ?? []).map((m) => ({ value: m.id, label: m.displayName }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RejectDialog({ item, onClose }: { item: InboxItem; onClose: () => void }) {
  const { t } = useTranslation(['inbox', 'common']);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: RejectionReason }>();
  const complete = useCompleteTask(item.task.id);
  const submit = async ({ reason }: { reason: RejectionReason }) => {
    await complete.mutateAsync({ kind: 'reject-transfer', reason });
    void message.success(t('rejected'));
    onClose();
  };
  return (
    <Modal
      open
      title={t('rejectTitle')}
      onCancel={onClose}
      okText={t('reject')}
      okButtonProps={{ danger: true }}
      cancelText={t('common:actions.cancel')}
      confirmLoading={complete.isPending}
      onOk={() => form.submit()}
    >
      {complete.isError ? <ProblemAlert error={complete.error} /> : null}
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values).catch(() => undefined)}>
        {/* A handful of fixed reasons: radio buttons, all in view and named by their labels (a select's pop-up list
            would hide them, and carries ARIA attributes its options may not have). */}
        <Form.Item label={t('reason')} name="reason" rules={[{ required: true, message: t('reasonRequired') }]}>
          <Radio.Group {...RADIO_GROUP_ROLE} aria-label={t('reason')} className="gz-radio-list">
            {REJECTION_REASONS.map((reason) => (
              <Radio key={reason} value={reason}>
                {t(`common:rejectionReasons.${reason}`)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
      </Form>
    </Modal>
  );
}

function InboxCard({ item }: { item: InboxItem }) {
  const { t, i18n } = useTranslation(['inbox', 'common']);
  const [dialog, setDialog] = useState<'accept' | 'reject'>();
  const village = useVillageName(item.case.villageCode);
  const title = `${t(`common:disputeTypes.${item.case.disputeType}`)} · ${village}`;
  const reasonCode = item.transfer.reason ?? 'unknown';
  const reason = i18n.exists(`common:transferReasons.${reasonCode}`)
    ? t(`common:transferReasons.${reasonCode}`)
    : t('common:transferReasons.unknown');
  return (
    <Card
      title={<Link to={`/cases/${item.case.id}`}>{title}</Link>}
      extra={<DueTag clock={item.task.clock} />}
      className="gz-group-title"
      role="article"
      aria-label={title}
    >
      <div className="gz-task-meta">
        <RiskTags risks={item.case.risks} />
        <span>{t('from', { reason })}</span>
        {item.transfer.fromAgencyId ? (
          <span>
            {t('fromAgency', { agency: '' })}
            <AgencyName id={item.transfer.fromAgencyId} />
          </span>
        ) : null}
        {item.transfer.penaltyTrack ? <span>{t('penaltyTrack')}</span> : null}
        {item.case.amountInDispute ? (
          <span>{t('amount', { amount: formatYuan(item.case.amountInDispute, i18n.language) })}</span>
        ) : null}
        {item.acceptBy ? <span>{t('acceptBy', { date: formatDateTime(item.acceptBy, i18n.language) })}</span> : null}
      </div>
      {item.transfer.earlierRejections.length > 0 ? (
        <ul className="gz-earlier-rejections" aria-label={t('earlierRejections')}>
          {item.transfer.earlierRejections.map((rejection) => (
            <li key={`${rejection.agencyId}-${rejection.rejectedAt}`}>
              {t('earlierRejection', {
                date: formatDateTime(rejection.rejectedAt, i18n.language),
                reason: t(`common:rejectionReasons.${rejection.reason}`),
              })}
              <AgencyName id={rejection.agencyId} />
            </li>
          ))}
        </ul>
      ) : null}
      <Typography.Paragraph>
        <span className="gz-muted">{t('common:labelled', { label: t('summary'), value: '' })}</span>
        {item.case.summary}
      </Typography.Paragraph>
      <Space>
        <Button
          type="primary"
          onClick={() => setDialog('accept')}
          aria-label={t('common:labelled', { label: t('accept'), value: title })}
        >
          {t('accept')}
        </Button>
        <Button
          danger
          onClick={() => setDialog('reject')}
          aria-label={t('common:labelled', { label: t('reject'), value: title })}
        >
          {t('reject')}
        </Button>
      </Space>
      {dialog === 'accept' ? <AcceptDialog item={item} onClose={() => setDialog(undefined)} /> : null}
      {dialog === 'reject' ? <RejectDialog item={item} onClose={() => setDialog(undefined)} /> : null}
    </Card>
  );
}

/** Transfers into the liaison's agency, soonest acceptance deadline first. */
export function InboxPage() {
  const { t } = useTranslation('inbox');
  const inbox = useQuery({
    queryKey: ['inbox'],
    queryFn: () => unwrap(caseApi.GET('/api/v1/inbox', { params: { query: { sort: 'due', limit: 50 } } })),
    refetchInterval: 30_000,
  });
  return (
    <>
      <Typography.Title level={1}>{t('title')}</Typography.Title>
      <Typography.Paragraph>{t('intro')}</Typography.Paragraph>
      {inbox.isPending ? <Skeleton active /> : null}
      {inbox.isError ? <ProblemAlert error={inbox.error} onReload={() => void inbox.refetch()} /> : null}
      {inbox.data && inbox.data.items.length === 0 ? <Empty description={t('empty')} /> : null}
      {inbox.data?.items.map((item) => (
        <InboxCard key={item.task.id} item={item} />
      ))}
    </>
  );
}
