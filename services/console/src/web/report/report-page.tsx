import './i18n';
import { useMutation } from '@tanstack/react-query';
import { Button, Form, Input, Result, Select, Typography } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  caseApi,
  type CaseSchemas,
  type DisputeType,
  newIdempotencyKey,
  type SourceChannel,
  unwrap,
} from '../shared/api/client';
import { useSession } from '../shared/session/session';
import { ProblemAlert, showFieldErrors } from '../shared/ui/problem';

type ReportForm = Omit<CaseSchemas['FileReportRequest'], 'townCode'>;

const DISPUTE_TYPES: readonly DisputeType[] = [
  'land-forest',
  'neighbour',
  'marriage-family',
  'wages-labour',
  'housing-property',
  'traffic',
  'contract-debt',
  'medical',
  'other',
];
const SOURCES: readonly SourceChannel[] = [
  'grid-report',
  'walk-in',
  'police-transfer',
  'hotline-12345',
  'petition',
  'court-referral',
];
/** The demo town's villages; the agency directory the service side is to add will list each town's own. */
const VILLAGES = ['shangba', 'xiaba', 'dongkou'] as const;

/** A grid worker's report from the field: one column on a phone, the answer says whether it opened or joined a case. */
export function ReportPage() {
  const { t } = useTranslation(['report', 'common']);
  const { data: session } = useSession();
  const [form] = Form.useForm<ReportForm>();
  const key = useRef(newIdempotencyKey());
  const file = useMutation({
    mutationFn: (values: ReportForm) =>
      unwrap(
        caseApi.POST('/api/v1/reports', {
          params: { header: { 'idempotency-key': key.current } },
          body: {
            ...values,
            summary: values.summary.trim(),
            townCode: session?.staff.townCode ?? '',
            ...(values.eventRef?.trim() ? { eventRef: values.eventRef.trim() } : { eventRef: undefined }),
            ...(values.gridCode?.trim() ? { gridCode: values.gridCode.trim() } : { gridCode: undefined }),
          },
        }),
      ),
    onSuccess: () => {
      key.current = newIdempotencyKey();
    },
    onError: (error) => showFieldErrors(form, error, (path) => path),
  });
  if (file.data) {
    return (
      <Result
        status="success"
        title={file.data.outcome === 'opened' ? t('opened') : t('linked')}
        extra={[
          <Link key="open" to={`/cases/${file.data.case.id}`}>
            {t('openCase')}
          </Link>,
          <Button
            key="again"
            onClick={() => {
              form.resetFields();
              file.reset();
            }}
          >
            {t('another')}
          </Button>,
        ]}
      />
    );
  }
  return (
    <>
      <Typography.Title level={1}>{t('title')}</Typography.Title>
      <Typography.Paragraph>{t('intro')}</Typography.Paragraph>
      {file.isError ? <ProblemAlert error={file.error} /> : null}
      <Form<ReportForm>
        form={form}
        layout="vertical"
        initialValues={{ source: 'grid-report' }}
        onFinish={(values) => file.mutate(values)}
        scrollToFirstError
      >
        <Form.Item
          label={t('disputeType')}
          name="disputeType"
          rules={[{ required: true, message: t('disputeTypeRequired') }]}
        >
          <Select options={DISPUTE_TYPES.map((type) => ({ value: type, label: t(`common:disputeTypes.${type}`) }))} />
        </Form.Item>
        <Form.Item label={t('source')} name="source" rules={[{ required: true }]}>
          <Select options={SOURCES.map((source) => ({ value: source, label: t(`common:sources.${source}`) }))} />
        </Form.Item>
        <Form.Item label={t('village')} name="villageCode" rules={[{ required: true, message: t('villageRequired') }]}>
          <Select options={VILLAGES.map((village) => ({ value: village, label: village }))} />
        </Form.Item>
        <Form.Item label={t('grid')} name="gridCode">
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item label={t('eventRef')} name="eventRef">
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item
          label={t('summary')}
          name="summary"
          rules={[{ required: true, whitespace: true, min: 5, message: t('summaryRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={4000} showCount />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={file.isPending} block>
          {t('submit')}
        </Button>
      </Form>
    </>
  );
}
