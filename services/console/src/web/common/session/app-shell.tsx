import { useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Modal, Result, Spin, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useTaskCounts } from '../queries/task-counts';
import { ProblemAlert } from '../ui/problem';
import { LanguageSwitch } from './language-switch';
import { hasRole, SESSION_KEY, sessionApi, type SessionInfo, useSession } from './session';
import { sessionEvents } from './session-events';
import { SignInForm } from './sign-in-form';
import { i18n } from '../i18n/i18n';

/** Pages behind it need a session; without one the person signs in and comes back to the same address. */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  const { t } = useTranslation();
  if (session.isPending) {
    return (
      <div className="gz-sign-in">
        <Spin tip={t('loading')} fullscreen />
      </div>
    );
  }
  if (session.isError)
    return (
      <Result status="warning" title={<ProblemAlert error={session.error} onReload={() => void session.refetch()} />} />
    );
  if (!session.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`} replace />;
  }
  return <>{children}</>;
}

/** A page for some roles only: anyone else is told so (the services refuse them anyway). */
export function RequireRole({ roles, children }: { roles: readonly string[]; children: ReactNode }) {
  const { data: session } = useSession();
  const { t } = useTranslation();
  if (!roles.some((role) => hasRole(session, role))) {
    return (
      <Result
        status="403"
        title={t('problems.forbidden.title')}
        subTitle={t('problems.forbidden.detail')}
        extra={<NavLink to="/">{t('nav.workbench')}</NavLink>}
      />
    );
  }
  return <>{children}</>;
}

/**
 * When the session ends while a page is open, the sign-in form opens over the page: signing in again keeps the page
 * and whatever was typed into it, and refreshes the data. Someone else signing in starts afresh.
 */
function SessionExpiredDialog({ session }: { session: SessionInfo }) {
  const [open, setOpen] = useState(false);
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  useEffect(() => sessionEvents.onExpire(() => setOpen(true)), []);
  return (
    <Modal
      open={open}
      title={t('signIn.expiredTitle')}
      footer={null}
      closable={false}
      maskClosable={false}
      keyboard={false}
    >
      <Typography.Paragraph>{t('signIn.expiredHint')}</Typography.Paragraph>
      <SignInForm
        username={session.staff.username}
        onSignedIn={(next) => {
          if (next.staff.id !== session.staff.id) {
            window.location.assign('/');
            return;
          }
          setOpen(false);
          queryClient.setQueryData(SESSION_KEY, next);
          void queryClient.invalidateQueries();
        }}
      />
    </Modal>
  );
}

function CountBadge({
  count,
  overdue,
  label,
}: {
  count: number | undefined;
  overdue: number | undefined;
  label: string;
}) {
  const { t } = useTranslation();
  if (!count) return null;
  return (
    <Badge
      count={count}
      color={overdue ? '#b3261e' : '#0a4fb3'}
      title={overdue ? t('badge.withOverdue', { count, overdue, label }) : t('badge.open', { count, label })}
    />
  );
}

export function AppShell() {
  const { t } = useTranslation();
  const { data: session } = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const counts = useTaskCounts();
  useEffect(() => {
    if (session && session.language !== i18n.language) void i18n.changeLanguage(session.language);
  }, [session]);
  if (!session) return null;
  const signOut = async () => {
    await sessionApi.signOut().catch(() => undefined);
    queryClient.clear();
    queryClient.setQueryData(SESSION_KEY, null);
    void navigate('/sign-in');
  };
  const canReport = hasRole(session, 'grid-worker') || hasRole(session, 'mediator');
  const coordinator = hasRole(session, 'coordinator');
  const administrator = hasRole(session, 'administrator');
  return (
    <>
      <a className="gz-skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="gz-header">
        <span className="gz-brand">{t('app.name')}</span>
        <nav className="gz-nav" aria-label={t('nav.menu')}>
          <NavLink to="/" end>
            {t('nav.workbench')}{' '}
            <CountBadge
              count={counts.data?.mine.total}
              overdue={counts.data?.mine.overdue}
              label={t('nav.workbench')}
            />
          </NavLink>
          <NavLink to="/inbox">
            {t('nav.inbox')}{' '}
            <CountBadge count={counts.data?.inbox.total} overdue={counts.data?.inbox.overdue} label={t('nav.inbox')} />
          </NavLink>
          <NavLink to="/cases" end>
            {t('nav.search')}
          </NavLink>
          {canReport ? <NavLink to="/report">{t('nav.report')}</NavLink> : null}
          {coordinator ? (
            <>
              <NavLink to="/decisions">{t('nav.decisions')}</NavLink>
              <NavLink to="/urging">{t('nav.urging')}</NavLink>
              <NavLink to="/town-tasks">{t('nav.townTasks')}</NavLink>
              <NavLink to="/stuck">{t('nav.townStuck')}</NavLink>
            </>
          ) : null}
          {administrator ? <NavLink to="/admin/stuck">{t('nav.adminStuck')}</NavLink> : null}
          {coordinator || administrator ? (
            <>
              <NavLink to="/figures">{t('nav.figures')}</NavLink>
              <NavLink to="/admin/staff">{t('nav.staff')}</NavLink>
              <NavLink to="/admin/agencies">{t('nav.agencies')}</NavLink>
            </>
          ) : (
            // Everyone else reads their own agency there (its reception hours, who may sign off).
            <NavLink to="/admin/agencies">{t('nav.ownAgency')}</NavLink>
          )}
        </nav>
        <div className="gz-user">
          <span>{session.staff.displayName}</span>
          <LanguageSwitch />
          <Button size="small" onClick={() => void signOut()}>
            {t('nav.signOut')}
          </Button>
        </div>
      </header>
      <main id="main" className="gz-main">
        <Outlet />
      </main>
      <SessionExpiredDialog session={session} />
    </>
  );
}
