import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { caseApi, newIdempotencyKey, unwrap } from '../common/api/client';
import { ProblemError } from '../common/api/problem';
import type { GeneratedDocumentKind } from '../common/api/vocabulary';
import { ProblemAlert, showFieldErrors } from '../common/ui/problem';
import {
  EMPTY_GENERATE_FORM,
  type GenerateDocumentRequest,
  type GenerateForm,
  generatedFieldOf,
  generateRequestOf,
  LIMITS,
} from './generated-document';

/** A text rule: required, trimmed, within the service's bounds, in one message. */
function textRule(limits: { min: number; max: number }, message: string, required = true) {
  return {
    required,
    whitespace: required,
    min: limits.min,
    max: limits.max,
    transform: (value?: string) => value?.trim(),
    message,
  };
}

/**
 * The form for one document, in a dialog mounted only while open: the terms as a list (one clause each, added and
 * removed with the keyboard as with the mouse), how and by when they are performed, and the court for an application.
 * The PDF itself is written by case-service and joins the case's documents.
 */
function GenerateDialog({
  caseId,
  kind,
  onClose,
}: {
  caseId: string;
  kind: GeneratedDocumentKind;
  onClose: () => void;
}) {
  const { t } = useTranslation(['case', 'common']);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<GenerateForm>();
  const key = useRef(newIdempotencyKey());
  const generate = useMutation({
    mutationFn: (body: GenerateDocumentRequest) =>
      unwrap(
        caseApi.POST('/api/v1/cases/{id}/documents/generated', {
          params: { path: { id: caseId }, header: { 'idempotency-key': key.current } },
          body,
        }),
      ),
    onSuccess: (document) => {
      void message.success(t('documentGenerated', { title: document.title }));
      onClose();
    },
    onError: (error) => {
      // An answered refusal (no agreement yet, a party not readable): the next attempt is a new request.
      if (error instanceof ProblemError) key.current = newIdempotencyKey();
      showFieldErrors(form, error, generatedFieldOf);
    },
    onSettled: () => {
      for (const queryKey of [
        ['case', caseId, 'documents'],
        ['case', caseId, 'timeline'],
      ]) {
        void queryClient.invalidateQueries({ queryKey });
      }
    },
  });
  return (
    <Modal
      open
      title={t(`generateTitle.${kind}`)}
      okText={t('generate')}
      cancelText={t('common:actions.cancel')}
      confirmLoading={generate.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      width={640}
    >
      {generate.isError ? <ProblemAlert error={generate.error} /> : null}
      <Form<GenerateForm>
        form={form}
        name={`generate-${kind}`}
        layout="vertical"
        initialValues={EMPTY_GENERATE_FORM}
        onFinish={(values) => generate.mutate(generateRequestOf(kind, values))}
        className="gz-group-title"
      >
        <fieldset className="gz-fieldset">
          <legend>{t('terms')}</legend>
          <Typography.Paragraph className="gz-muted">{t('termsHint')}</Typography.Paragraph>
          <Form.List name="terms">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <div key={field.key} className="gz-term">
                    <Form.Item
                      className="gz-term-text"
                      label={t('termLabel', { n: index + 1 })}
                      name={field.name}
                      rules={[textRule(LIMITS.term, t('termRequired'))]}
                    >
                      <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} maxLength={LIMITS.term.max} />
                    </Form.Item>
                    <Button
                      className="gz-term-remove"
                      onClick={() => remove(field.name)}
                      disabled={fields.length <= LIMITS.terms.min}
                      aria-label={t('removeTerm', { n: index + 1 })}
                    >
                      {t('remove')}
                    </Button>
                  </div>
                ))}
                <Button onClick={() => add('')} disabled={fields.length >= LIMITS.terms.max}>
                  {t('addTerm')}
                </Button>
              </>
            )}
          </Form.List>
        </fieldset>
        <Form.Item
          label={t('performanceManner')}
          name="manner"
          extra={t('performanceMannerHint')}
          rules={[textRule(LIMITS.manner, t('performanceMannerRequired'))]}
        >
          <Input maxLength={LIMITS.manner.max} />
        </Form.Item>
        <Form.Item
          label={t('performanceDeadline')}
          name="deadline"
          extra={t('performanceDeadlineHint')}
          rules={[textRule(LIMITS.deadline, t('performanceDeadlineRequired'))]}
        >
          <Input maxLength={LIMITS.deadline.max} />
        </Form.Item>
        {kind === 'confirmation-application' ? (
          <>
            <Form.Item
              label={t('court')}
              name="court"
              extra={t('courtHint')}
              rules={[textRule(LIMITS.court, t('courtRequired'))]}
            >
              <Input maxLength={LIMITS.court.max} />
            </Form.Item>
            <Form.Item
              label={t('applicationReason')}
              name="reason"
              extra={t('applicationReasonHint')}
              rules={[textRule(LIMITS.reason, t('applicationReasonTooShort'), false)]}
            >
              <Input.TextArea rows={3} maxLength={LIMITS.reason.max} />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </Modal>
  );
}

/** 生成调解协议书 / 生成司法确认申请书: for those who may add documents to the case (the page decides). */
export function GenerateDocuments({ caseId }: { caseId: string }) {
  const { t } = useTranslation('case');
  const [kind, setKind] = useState<GeneratedDocumentKind | null>(null);
  return (
    <>
      <Typography.Paragraph className="gz-muted">{t('generateHint')}</Typography.Paragraph>
      <Space wrap>
        <Button onClick={() => setKind('mediation-agreement')}>{t('generateAgreement')}</Button>
        <Button onClick={() => setKind('confirmation-application')}>{t('generateApplication')}</Button>
      </Space>
      {kind ? <GenerateDialog caseId={caseId} kind={kind} onClose={() => setKind(null)} /> : null}
    </>
  );
}
