import { Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { AREA_CODE } from './vocabulary';

/**
 * An administrator's choice of town: agency-service serves them every town, but no route lists the towns, so the
 * town is named by its code. Others never see this: the service answers them for their own town only.
 */
export function TownPicker({
  town,
  townName,
  onChange,
}: {
  town: string;
  townName: string | undefined;
  onChange: (town: string) => void;
}) {
  const { t } = useTranslation('people');
  const [form] = Form.useForm<{ town: string }>();
  return (
    <div className="gz-people-town">
      <Form<{ town: string }>
        form={form}
        layout="inline"
        initialValues={{ town }}
        onFinish={(values) => onChange(values.town.trim())}
      >
        <Form.Item
          label={t('town.label')}
          name="town"
          extra={t('town.hint')}
          rules={[
            { required: true, pattern: AREA_CODE, transform: (v?: string) => v?.trim(), message: t('town.invalid') },
          ]}
        >
          <Input maxLength={40} autoComplete="off" spellCheck={false} />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit">{t('town.apply')}</Button>
        </Form.Item>
      </Form>
      <p className="gz-muted" role="status">
        {t('town.showing', { town: townName ? t('town.named', { name: townName, code: town }) : town })}
      </p>
    </div>
  );
}
