import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { type ComponentType, useEffect, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ProblemError } from './common/api/problem';
import { i18n } from './common/i18n/i18n';
import { AppShell, RequireRole, RequireSession } from './common/session/app-shell';
import { theme } from './common/ui/theme';

/** The style nonce the console put in the page: Ant Design's run-time <style> elements carry it (CSP). */
const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refused request (4xx) will not change by asking again; an outage might.
      retry: (count, error) => !(error instanceof ProblemError && error.status < 500) && count < 2,
      refetchOnWindowFocus: true,
      staleTime: 10_000,
    },
  },
});

const COORDINATORS = ['coordinator'] as const;
const ADMINISTRATORS = ['administrator'] as const;
/** The town's figures, and its staff and agencies: the governance centre for its own town, administrators for any. */
const TOWN_MANAGERS = ['coordinator', 'administrator'] as const;

/** A screen for some roles only, loaded (its own chunk) when first visited. */
function forRoles(roles: readonly string[], load: () => Promise<ComponentType>) {
  return async () => {
    const Screen = await load();
    return {
      Component: () => (
        <RequireRole roles={roles}>
          <Screen />
        </RequireRole>
      ),
    };
  };
}

// Route-level code splitting: each screen (and its strings) is its own chunk, loaded when first visited.
const router = createBrowserRouter([
  { path: '/sign-in', lazy: async () => ({ Component: (await import('./sign-in/sign-in-page')).SignInPage }) },
  {
    path: '/',
    element: (
      <RequireSession>
        <AppShell />
      </RequireSession>
    ),
    children: [
      { index: true, lazy: async () => ({ Component: (await import('./workbench/workbench-page')).WorkbenchPage }) },
      { path: 'inbox', lazy: async () => ({ Component: (await import('./inbox/inbox-page')).InboxPage }) },
      { path: 'cases', lazy: async () => ({ Component: (await import('./search/search-page')).SearchPage }) },
      { path: 'cases/:caseId', lazy: async () => ({ Component: (await import('./case/case-page')).CasePage }) },
      { path: 'report', lazy: async () => ({ Component: (await import('./report/report-page')).ReportPage }) },
      {
        path: 'decisions',
        lazy: forRoles(COORDINATORS, async () => (await import('./coordination/decisions-page')).DecisionsPage),
      },
      { path: 'urging', lazy: forRoles(COORDINATORS, async () => (await import('./urging/urging-page')).UrgingPage) },
      {
        path: 'town-tasks',
        lazy: forRoles(COORDINATORS, async () => (await import('./coordination/town-tasks-page')).TownTasksPage),
      },
      {
        path: 'stuck',
        lazy: forRoles(COORDINATORS, async () => (await import('./town-stuck/town-stuck-page')).TownStuckPage),
      },
      {
        path: 'figures',
        lazy: forRoles(TOWN_MANAGERS, async () => (await import('./figures/figures-page')).FiguresPage),
      },
      {
        path: 'admin/stuck',
        lazy: forRoles(ADMINISTRATORS, async () => (await import('./admin/stuck-page')).AdminStuckPage),
      },
      {
        path: 'admin/cases/:caseId',
        lazy: forRoles(ADMINISTRATORS, async () => (await import('./admin/diagnosis-page')).CaseDiagnosisPage),
      },
      {
        path: 'admin/repairs/batch',
        lazy: forRoles(ADMINISTRATORS, async () => (await import('./admin/batch-page')).RepairBatchPage),
      },
      {
        path: 'admin/staff',
        lazy: forRoles(TOWN_MANAGERS, async () => (await import('./people/staff-page')).StaffAdminPage),
      },
      // Anyone may read their own agency there; the page offers changes only to those the service allows.
      {
        path: 'admin/agencies/:agencyId?',
        lazy: async () => ({ Component: (await import('./people/agencies-page')).AgenciesAdminPage }),
      },
      { path: '*', lazy: async () => ({ Component: (await import('./common/ui/not-found')).NotFound }) },
    ],
  },
]);

export function App() {
  const [language, setLanguage] = useState(i18n.language);
  useEffect(() => {
    const changed = (next: string) => {
      setLanguage(next);
      document.documentElement.lang = next;
      document.title = i18n.t('common:app.title');
      dayjs.locale(next === 'en' ? 'en' : 'zh-cn');
    };
    changed(i18n.language);
    i18n.on('languageChanged', changed);
    return () => i18n.off('languageChanged', changed);
  }, []);
  return (
    <I18nextProvider i18n={i18n}>
      <ConfigProvider
        locale={language === 'en' ? enUS : zhCN}
        theme={theme}
        // No space forced between two Chinese characters on buttons ("登 录").
        button={{ autoInsertSpace: false }}
        {...(nonce ? { csp: { nonce } } : {})}
      >
        <AntApp>
          <QueryClientProvider client={queryClient}>
            <RouterProvider router={router} />
          </QueryClientProvider>
        </AntApp>
      </ConfigProvider>
    </I18nextProvider>
  );
}
