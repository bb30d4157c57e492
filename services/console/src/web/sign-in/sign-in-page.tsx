import { useQueryClient } from '@tanstack/react-query';
import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { i18n } from '../common/i18n/i18n';
import { LanguageSwitch } from '../common/session/language-switch';
import { SESSION_KEY, useSession } from '../common/session/session';
import { SignInForm } from '../common/session/sign-in-form';

/** Only addresses of the console itself: `next` must never send someone to another site after signing in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const session = useSession();
  const next = safeNext(params.get('next'));
  if (session.data) return <Navigate to={next} replace />;
  return (
    <main className="gz-sign-in">
      <Card className="gz-sign-in-card">
        <Typography.Title level={1}>{t('app.name')}</Typography.Title>
        <Typography.Paragraph className="gz-muted">{t('signIn.subtitle')}</Typography.Paragraph>
        <Typography.Title level={2}>{t('signIn.title')}</Typography.Title>
        <SignInForm
          onSignedIn={(signedIn) => {
            queryClient.setQueryData(SESSION_KEY, signedIn);
            void i18n.changeLanguage(signedIn.language);
            void navigate(next, { replace: true });
          }}
        />
        <div className="gz-group-title">
          <LanguageSwitch />
        </div>
      </Card>
    </main>
  );
}
