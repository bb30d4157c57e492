import { Button, Collapse, DatePicker, Form, Input, Radio, Space, Upload, type UploadFile } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Task } from '../common/api/client';
import { RADIO_GROUP_ROLE } from '../common/ui/form-controls';
import { ProblemAlert } from '../common/ui/problem';
import { uploadDocument } from './documents';
import { useSendAction } from './send-action';

/**
 * Every action of the mediate task as its own typed form: a session, an extension, an early escalation, a refusal
 * (人民调解法 art. 17), an agreement with its 调解协议书, a failure (with the court's filing reference once filed).
 */
export function MediateActions({ task, caseId, onStale }: { task: Task; caseId: string; onStale: () => void }) {
  const { t } = useTranslation(['case', 'common']);
  const { complete, send } = useSendAction(task, onStale, (action) =>
    action.kind === 'record-session' ? t('sessionRecorded') : t('done'),
  );
  const [uploadError, setUploadError] = useState<unknown>();
  const [openSection, setOpenSection] = useState<string[]>(['session']);
  const [sessionForm] = Form.useForm<{ heldAt: Dayjs }>();
  const [refusalForm] = Form.useForm<{ party: 'applicant' | 'respondent' }>();
  const [agreementForm] = Form.useForm<{ effectiveAt?: Dayjs; file?: UploadFile[] }>();
  const [failureForm] = Form.useForm<{ courtFilingRef?: string }>();

  const sections = [
    {
      key: 'session',
      label: t('recordSession'),
      children: (
        <Form
          form={sessionForm}
          layout="vertical"
          onFinish={({ heldAt }) => void send({ kind: 'record-session', heldAt: heldAt.toISOString() }, sessionForm)}
          initialValues={{ heldAt: dayjs().startOf('minute') }}
        >
          <Form.Item label={t('heldAt')} name="heldAt" rules={[{ required: true, message: t('heldAtRequired') }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={complete.isPending}>
            {t('recordSession')}
          </Button>
        </Form>
      ),
    },
    {
      key: 'extension',
      label: t('requestExtension'),
      children: (
        <Button onClick={() => void send({ kind: 'request-extension' })} loading={complete.isPending}>
          {t('requestExtension')}
        </Button>
      ),
    },
    {
      key: 'escalation',
      label: t('requestEscalation'),
      children: (
        <Button onClick={() => void send({ kind: 'request-escalation' })} loading={complete.isPending}>
          {t('requestEscalation')}
        </Button>
      ),
    },
    {
      key: 'refusal',
      label: t('recordRefusal'),
      children: (
        <Form
          form={refusalForm}
          layout="vertical"
          onFinish={({ party }) => void send({ kind: 'record-refusal', party }, refusalForm)}
        >
          <Form.Item label={t('refusingParty')} name="party" rules={[{ required: true, message: t('refusingParty') }]}>
            <Radio.Group
              {...RADIO_GROUP_ROLE}
              aria-label={t('refusingParty')}
              options={[
                { value: 'applicant', label: t('applicant') },
                { value: 'respondent', label: t('respondent') },
              ]}
            />
          </Form.Item>
          <Button htmlType="submit" loading={complete.isPending}>
            {t('recordRefusal')}
          </Button>
        </Form>
      ),
    },
    {
      key: 'agreement',
      label: t('recordAgreement'),
      children: (
        <Form
          form={agreementForm}
          layout="vertical"
          onFinish={async ({ effectiveAt, file }) => {
            setUploadError(undefined);
            let documentId: string | undefined;
            const chosen = file?.[0]?.originFileObj;
            try {
              if (chosen) documentId = await uploadDocument(caseId, chosen, t('agreementTitle'), 'mediation-agreement');
            } catch (error) {
              setUploadError(error);
              return;
            }
            await send(
              {
                kind: 'record-agreement',
                ...(effectiveAt ? { effectiveAt: effectiveAt.toISOString() } : {}),
                ...(documentId ? { documentId } : {}),
              },
              agreementForm,
            );
          }}
        >
          <Form.Item label={t('effectiveAt')} name="effectiveAt">
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item
            label={t('agreementFile')}
            name="file"
            valuePropName="fileList"
            getValueFromEvent={(event: { fileList: UploadFile[] }) => event.fileList.slice(-1)}
          >
            <Upload beforeUpload={() => false} maxCount={1}>
              <Button>{t('uploadHint')}</Button>
            </Upload>
          </Form.Item>
          {uploadError ? <ProblemAlert error={uploadError} /> : null}
          <Button type="primary" htmlType="submit" loading={complete.isPending}>
            {t('recordAgreement')}
          </Button>
        </Form>
      ),
    },
    {
      key: 'failure',
      label: t('recordFailure'),
      children: (
        <Form
          form={failureForm}
          layout="vertical"
          onFinish={({ courtFilingRef }) =>
            void send(
              { kind: 'record-failure', ...(courtFilingRef?.trim() ? { courtFilingRef: courtFilingRef.trim() } : {}) },
              failureForm,
            )
          }
        >
          <Form.Item label={t('courtFilingRef')} name="courtFilingRef">
            <Input maxLength={64} />
          </Form.Item>
          <Button danger htmlType="submit" loading={complete.isPending}>
            {t('recordFailure')}
          </Button>
        </Form>
      ),
    },
  ];
  return (
    <Space direction="vertical" className="gz-full">
      {complete.isError ? <ProblemAlert error={complete.error} onReload={onStale} /> : null}
      {/* One form open at a time, kept here rather than with `accordion`: that gives the panels tablist/tab roles
          without the tab panels ARIA requires (axe: aria-required-children); as plain disclosures each header is a
          button with aria-expanded. */}
      <Collapse
        activeKey={openSection}
        onChange={(keys) => {
          const next = ([] as string[]).concat(keys);
          const opened = next.filter((key) => !openSection.includes(key));
          setOpenSection(opened.length > 0 ? opened.slice(-1) : next);
        }}
        items={sections}
      />
    </Space>
  );
}
