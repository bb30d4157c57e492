import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../ui/problem';
import { sessionApi, type SessionInfo } from './session';

/** The username and password form, used by the sign-in page and by the dialog that opens when a session ends. */
export function SignInForm({
  onSignedIn,
  username,
}: {
  onSignedIn: (session: SessionInfo) => void;
  username?: string;
}) {
  const { t } = useTranslation('common');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      onSignedIn(await sessionApi.signIn(values.username.trim(), values.password));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form layout="vertical" onFinish={submit} initialValues={{ username: username ?? '' }} requiredMark={false}>
      {error ? (
        <div className="gz-group-title">
          <ProblemAlert error={error} />
        </div>
      ) : null}
      <Form.Item
        label={t('signIn.username')}
        name="username"
        rules={[{ required: true, message: t('signIn.usernameRequired') }]}
      >
        <Input autoComplete="username" autoFocus={!username} />
      </Form.Item>
      <Form.Item
        label={t('signIn.password')}
        name="password"
        rules={[{ required: true, message: t('signIn.passwordRequired') }]}
      >
        <Input.Password autoComplete="current-password" autoFocus={Boolean(username)} />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy}>
        {t('signIn.submit')}
      </Button>
    </Form>
  );
}
