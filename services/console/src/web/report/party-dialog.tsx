import { useMutation } from '@tanstack/react-query';
import { Form, Input, Modal, Radio } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { newIdempotencyKey, partyApi, type PartySchemas, unwrap } from '../common/api/client';
import { ProblemError } from '../common/api/problem';
import { ProblemAlert, showFieldErrors } from '../common/ui/problem';
import {
  creditCodeProblem,
  idNumberProblem,
  isMobileNumber,
  normaliseIdentityNumber,
} from '../common/identity-numbers';

/** A party as the report form keeps it: what party-service answered, masked as it answered it. */
export interface PickedParty {
  id: string;
  kind: 'person' | 'organisation';
  name: string;
  /** Masked (`522634********1234`) as party-service answers it; the raw number is never kept. */
  idNumber: string | null;
  creditCode: string | null;
  /** Masked (`139****9000`). */
  phone: string | null;
}

interface PartyForm {
  kind: 'person' | 'organisation';
  name: string;
  idNumber?: string;
  creditCode?: string;
  phone?: string;
  contactName?: string;
}

/**
 * Ant Design passes `role` on to the group's element but does not declare it: the radios then read as one named
 * group, which is also a role the form's aria-required and aria-invalid are allowed on.
 */
const RADIO_GROUP_ROLE = { role: 'radiogroup' } as const;

/** The service's field paths (`idNumber`, `address.townCode`) as this form's fields; an address is the town's. */
const FIELDS: Record<string, keyof PartyForm> = {
  name: 'name',
  idNumber: 'idNumber',
  creditCode: 'creditCode',
  phone: 'phone',
  contactPhone: 'phone',
  contactName: 'contactName',
};

/** Whether a refusal is shown beside the fields (a 400 naming fields of this form) rather than above them. */
function beside(error: unknown): boolean {
  return (
    error instanceof ProblemError &&
    error.status === 400 &&
    (error.problem.errors ?? []).some((issue) => FIELDS[issue.path] !== undefined)
  );
}

/**
 * Looks a person or organisation up by ID number (credit code) among the parties the caller sees, or registers them
 * (party-service `lookup-or-create`). Mounted only while open: the ID number typed here lives in this form until the
 * request is answered, then the dialog closes and it is gone; it never enters a URL or the browser's storage.
 */
export function PartyDialog({
  townCode,
  villageCode,
  onPicked,
  onClose,
}: {
  townCode: string;
  villageCode: string | undefined;
  onPicked: (party: PickedParty) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation(['report', 'common']);
  const [form] = Form.useForm<PartyForm>();
  const kind = Form.useWatch('kind', form) ?? 'person';
  const key = useRef(newIdempotencyKey());
  const register = useMutation({
    // The request's variables hold the typed number: not kept in the mutation cache once it is answered.
    gcTime: 0,
    mutationFn: (values: PartyForm) => {
      const address = { townCode, ...(villageCode ? { villageCode } : {}) };
      const phone = values.phone?.replace(/\s+/g, '');
      const body: PartySchemas['LookupOrCreatePartyRequest'] =
        values.kind === 'person'
          ? {
              kind: 'person',
              name: values.name.trim(),
              idNumber: normaliseIdentityNumber(values.idNumber ?? ''),
              ...(phone ? { phone } : {}),
              address,
            }
          : {
              kind: 'organisation',
              name: values.name.trim(),
              creditCode: normaliseIdentityNumber(values.creditCode ?? ''),
              ...(values.contactName?.trim() ? { contactName: values.contactName.trim() } : {}),
              ...(phone ? { contactPhone: phone } : {}),
              address,
            };
      return unwrap(
        partyApi.POST('/api/v1/parties/lookup-or-create', {
          params: { header: { 'idempotency-key': key.current } },
          body,
        }),
      );
    },
    onSuccess: (party: PartySchemas['Party']) => {
      // Only the masked answer is kept; the form holding the typed number is emptied and unmounted.
      form.resetFields();
      register.reset();
      onPicked({
        id: party.id,
        kind: party.kind,
        name: party.name,
        idNumber: party.idNumber,
        creditCode: party.creditCode,
        phone: party.phone,
      });
    },
    onError: (error) => {
      // An answered refusal: the corrected form is a new request.
      if (error instanceof ProblemError) key.current = newIdempotencyKey();
      showFieldErrors(form, error, (path) => FIELDS[path]);
    },
  });

  return (
    <Modal
      open
      title={t('partyDialogTitle')}
      onCancel={() => {
        form.resetFields();
        onClose();
      }}
      okText={t('partyDialogOk')}
      cancelText={t('common:actions.cancel')}
      confirmLoading={register.isPending}
      onOk={() => form.submit()}
      okButtonProps={{ size: 'large' }}
      cancelButtonProps={{ size: 'large' }}
    >
      <p className="gz-muted">{t('partyDialogIntro')}</p>
      {register.isError && !beside(register.error) ? <ProblemAlert error={register.error} /> : null}
      <Form<PartyForm>
        form={form}
        layout="vertical"
        size="large"
        initialValues={{ kind: 'person' }}
        onFinish={(values) => register.mutate(values)}
        // The browser must not offer to remember an ID number.
        autoComplete="off"
      >
        <Form.Item label={t('partyKind')} name="kind">
          <Radio.Group {...RADIO_GROUP_ROLE} aria-label={t('partyKind')} optionType="button" buttonStyle="solid">
            <Radio value="person">{t('person')}</Radio>
            <Radio value="organisation">{t('organisation')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          label={kind === 'person' ? t('personName') : t('organisationName')}
          name="name"
          rules={[{ required: true, whitespace: true, message: t('nameRequired') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        {kind === 'person' ? (
          <Form.Item
            label={t('idNumber')}
            name="idNumber"
            validateTrigger="onBlur"
            rules={[
              { required: true, message: t('idNumberRequired') },
              {
                validator: async (_, value?: string) => {
                  const problem = value ? idNumberProblem(normaliseIdentityNumber(value)) : undefined;
                  if (problem) throw new Error(t(problem));
                },
              },
            ]}
          >
            <Input maxLength={18} inputMode="text" autoComplete="off" spellCheck={false} />
          </Form.Item>
        ) : (
          <>
            <Form.Item
              label={t('creditCode')}
              name="creditCode"
              validateTrigger="onBlur"
              rules={[
                { required: true, message: t('creditCodeRequired') },
                {
                  validator: async (_, value?: string) => {
                    const problem = value ? creditCodeProblem(normaliseIdentityNumber(value)) : undefined;
                    if (problem) throw new Error(t(problem));
                  },
                },
              ]}
            >
              <Input maxLength={18} autoComplete="off" spellCheck={false} />
            </Form.Item>
            <Form.Item label={t('contactName')} name="contactName">
              <Input maxLength={100} />
            </Form.Item>
          </>
        )}
        <Form.Item
          label={kind === 'person' ? t('phone') : t('contactPhone')}
          name="phone"
          validateTrigger="onBlur"
          rules={[
            {
              validator: async (_, value?: string) => {
                if (value?.trim() && !isMobileNumber(value)) throw new Error(t('phoneInvalid'));
              },
            },
          ]}
        >
          <Input inputMode="tel" maxLength={13} autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
