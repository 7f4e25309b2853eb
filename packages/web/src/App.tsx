import { MutationCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntdApp, ConfigProvider, type ThemeConfig } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { type ComponentType, lazy, type ReactNode, Suspense, useEffect, useMemo } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { ApiError, setUnauthorizedHandler } from './api/client';
import type { Role } from './api/types';
import { Loading } from './components/Feedback';
import { RequireAuth } from './components/RequireAuth';
import { queryKeys } from './hooks/queryKeys';
import { useReducedMotion } from './hooks/useReducedMotion';
import { useSession } from './hooks/useSession';
import { I18nProvider, useI18n } from './i18n';

/** Lazy-loads a page module's named export, so each screen is its own chunk. */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const AppLayout = page(() => import('./components/AppLayout'), 'AppLayout');
const LoginPage = page(() => import('./pages/login/LoginPage'), 'LoginPage');
const HomePage = page(() => import('./pages/home/HomePage'), 'HomePage');
const UnitsPage = page(() => import('./pages/units/UnitsPage'), 'UnitsPage');
const InspectionsPage = page(() => import('./pages/inspector/InspectionsPage'), 'InspectionsPage');
const UsersPage = page(() => import('./pages/users/UsersPage'), 'UsersPage');
const PasswordPage = page(() => import('./pages/password/PasswordPage'), 'PasswordPage');
const AuditPage = page(() => import('./pages/audit/AuditPage'), 'AuditPage');
const CampaignsPage = page(() => import('./pages/campaigns/CampaignsPage'), 'CampaignsPage');
const CampaignDetailPage = page(() => import('./pages/campaigns/CampaignDetailPage'), 'CampaignDetailPage');
const TargetsPage = page(() => import('./pages/targets/TargetsPage'), 'TargetsPage');
const ScoreEntryPage = page(() => import('./pages/scores/ScoreEntryPage'), 'ScoreEntryPage');
const RankingPage = page(() => import('./pages/rankings/RankingPage'), 'RankingPage');
const UnitProfilePage = page(() => import('./pages/profile/UnitProfilePage'), 'UnitProfilePage');
const CadresPage = page(() => import('./pages/cadres/CadresPage'), 'CadresPage');
const ActivitiesPage = page(() => import('./pages/activities/ActivitiesPage'), 'ActivitiesPage');
const CreationFilePage = page(() => import('./pages/creationFile/CreationFilePage'), 'CreationFilePage');
const SheetPage = page(() => import('./pages/inspector/SheetPage'), 'SheetPage');
const SupervisionPage = page(() => import('./pages/supervision/SupervisionPage'), 'SupervisionPage');
const RoundDetailPage = page(() => import('./pages/supervision/RoundDetailPage'), 'RoundDetailPage');
const ProblemsPage = page(() => import('./pages/problems/ProblemsPage'), 'ProblemsPage');
const ProblemDetailPage = page(() => import('./pages/problems/ProblemDetailPage'), 'ProblemDetailPage');
const ProblemStatsPage = page(() => import('./pages/problems/ProblemStatsPage'), 'ProblemStatsPage');
const FlagsPage = page(() => import('./pages/flags/FlagsPage'), 'FlagsPage');
const StarRatingsPage = page(() => import('./pages/ratings/StarRatingsPage'), 'StarRatingsPage');
const TasksPage = page(() => import('./pages/tasks/TasksPage'), 'TasksPage');
const TaskDetailPage = page(() => import('./pages/tasks/TaskDetailPage'), 'TaskDetailPage');
const UnitTaskPage = page(() => import('./pages/tasks/UnitTaskPage'), 'UnitTaskPage');
const MyTasksPage = page(() => import('./pages/tasks/MyTasksPage'), 'MyTasksPage');
const PublicationsPage = page(() => import('./pages/publications/PublicationsPage'), 'PublicationsPage');
const PublicationDetailPage = page(
  () => import('./pages/publications/PublicationDetailPage'),
  'PublicationDetailPage',
);
const PublicPublicationPage = page(
  () => import('./pages/publications/PublicPublicationPage'),
  'PublicPublicationPage',
);
const PublicPrintPage = page(() => import('./pages/publications/PublicPrintPage'), 'PublicPrintPage');
const InboxPage = page(() => import('./pages/inbox/InboxPage'), 'InboxPage');
const ResultsPage = page(() => import('./pages/results/ResultsPage'), 'ResultsPage');
const WarningsPage = page(() => import('./pages/warnings/WarningsPage'), 'WarningsPage');
const WarningDetailPage = page(() => import('./pages/warnings/WarningDetailPage'), 'WarningDetailPage');
const CourtyardStatsPage = page(() => import('./pages/courtyards/CourtyardStatsPage'), 'CourtyardStatsPage');
const HouseholdsPage = page(() => import('./pages/courtyards/HouseholdsPage'), 'HouseholdsPage');
const ApplicationsPage = page(() => import('./pages/courtyards/ApplicationsPage'), 'ApplicationsPage');
const EvaluateListPage = page(() => import('./pages/courtyards/EvaluateListPage'), 'EvaluateListPage');
const EvaluatePage = page(() => import('./pages/courtyards/EvaluatePage'), 'EvaluatePage');
const HouseholdDetailPage = page(
  () => import('./pages/courtyards/HouseholdDetailPage'),
  'HouseholdDetailPage',
);
const ContestsPage = page(() => import('./pages/contests/ContestsPage'), 'ContestsPage');
const ContestSetupPage = page(() => import('./pages/contests/ContestSetupPage'), 'ContestSetupPage');
const ContestOverallPage = page(() => import('./pages/contests/ContestOverallPage'), 'ContestOverallPage');
const ConsolePage = page(() => import('./pages/contests/ConsolePage'), 'ConsolePage');
const JudgePage = page(() => import('./pages/contests/JudgePage'), 'JudgePage');
const JudgeLinkPage = page(() => import('./pages/contests/JudgeLinkPage'), 'JudgeLinkPage');
const ScreenPage = page(() => import('./pages/contests/ScreenPage'), 'ScreenPage');
const DashboardPage = page(() => import('./pages/dashboard/DashboardPage'), 'DashboardPage');
const VillageDashboardPage = page(
  () => import('./pages/dashboard/VillageDashboardPage'),
  'VillageDashboardPage',
);
const BigScreenPage = page(() => import('./pages/dashboard/BigScreenPage'), 'BigScreenPage');
const BulletinsPage = page(() => import('./pages/bulletins/BulletinsPage'), 'BulletinsPage');
const BulletinDetailPage = page(() => import('./pages/bulletins/BulletinDetailPage'), 'BulletinDetailPage');
const NotFoundPage = page(() => import('./pages/notfound/NotFoundPage'), 'NotFoundPage');
// The role gate (with its 403 illustration) loads with the pages, not with the login screen.
const RequireRole = lazy<ComponentType<{ roles: readonly Role[]; children: ReactNode }>>(async () => ({
  default: (await import('./components/RequireRole')).RequireRole,
}));

const queryClient: QueryClient = new QueryClient({
  // Any write may settle something the inbox lists (a task submitted, a problem rectified): the bell re-counts.
  mutationCache: new MutationCache({
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['inbox'], refetchType: 'active' });
    },
  }),
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      retry: (failureCount, error) => {
        if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
        return failureCount < 2;
      },
    },
  },
});

/** Calm party-red theme on Ant Design's default algorithm. */
const theme: ThemeConfig = {
  token: {
    colorPrimary: '#c0392b',
    colorLink: '#a93226',
    colorInfo: '#c0392b',
    borderRadius: 6,
    colorBgLayout: '#f5f5f5',
  },
  components: {
    Layout: { headerBg: '#a93226', siderBg: '#ffffff' },
    Menu: { itemSelectedBg: '#fbeae8', itemSelectedColor: '#a93226' },
  },
};

/** Home: a judge's is the scoring page, everyone else's the overview. */
function Home() {
  const { data } = useSession();
  if (data?.user.role === 'judge') return <Navigate to="/judge" replace />;
  return <HomePage />;
}

function Routed() {
  return (
    <BrowserRouter>
      <Suspense fallback={<Loading minHeight={400} />}>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          {/* 公示 for anyone with the link: no login for public ones (the API decides). */}
          <Route path="/p/:token" element={<PublicPublicationPage />} />
          <Route path="/p/:token/print" element={<PublicPrintPage />} />
          {/* 擂台赛: the big screen needs no login (its token decides); a judge's one-time link logs in. */}
          <Route path="/screen/:token" element={<ScreenPage />} />
          <Route path="/j/:token" element={<JudgeLinkPage />} />
          {/* The district big screen for the command centre: its token decides, no login. */}
          <Route path="/bigscreen/:token" element={<BigScreenPage />} />
          <Route
            element={
              <RequireAuth>
                <AppLayout />
              </RequireAuth>
            }
          >
            <Route index element={<Home />} />
            <Route path="/password" element={<PasswordPage />} />
            <Route path="/inbox" element={<InboxPage />} />
            <Route
              path="/cadres"
              element={
                <RequireRole roles={['district_admin', 'street_admin']}>
                  <CadresPage />
                </RequireRole>
              }
            />
            <Route
              path="/activities"
              element={
                <RequireRole roles={['district_admin', 'street_admin', 'village_user', 'inspector']}>
                  <ActivitiesPage />
                </RequireRole>
              }
            />
            <Route
              path="/results"
              element={
                <RequireRole roles={['district_admin']}>
                  <ResultsPage />
                </RequireRole>
              }
            />
            <Route
              path="/units/:id?"
              element={
                <RequireRole roles={['district_admin', 'street_admin', 'village_user']}>
                  <UnitsPage />
                </RequireRole>
              }
            />
            <Route
              path="/inspections"
              element={
                <RequireRole roles={['inspector', 'street_admin']}>
                  <InspectionsPage />
                </RequireRole>
              }
            />
            <Route
              path="/inspections/:roundId/:unitCode"
              element={
                <RequireRole roles={['inspector', 'street_admin', 'district_admin']}>
                  <SheetPage />
                </RequireRole>
              }
            />
            <Route
              path="/supervision"
              element={
                <RequireRole roles={['district_admin', 'street_admin']}>
                  <SupervisionPage />
                </RequireRole>
              }
            />
            <Route
              path="/supervision/rounds/:id"
              element={
                <RequireRole roles={['district_admin', 'street_admin', 'inspector']}>
                  <RoundDetailPage />
                </RequireRole>
              }
            />
            <Route
              path="/flags"
              element={
                <RequireRole roles={['district_admin', 'street_admin', 'village_user']}>
                  <FlagsPage />
                </RequireRole>
              }
            />
            <Route
              path="/ratings"
              element={
                <RequireRole roles={['district_admin', 'street_admin', 'village_user']}>
                  <StarRatingsPage />
                </RequireRole>
              }
            />
            <Route
              path="/problems"
              element={
                <RequireRole roles={['district_admin', 'street_admin', 'village_user', 'inspector']}>
                  <ProblemsPage />
                </RequireRole>
              }
            />
            <Route
              path="/problems/stats"
              element={
                <RequireRole roles={['district_admin', 'street_admin', 'inspector']}>
                  <ProblemStatsPage />
                </RequireRole>
              }
            />
            <Route
              path="/problems/:id"
              element={
                <RequireRole roles={['district_admin', 'street_admin', 'village_user', 'inspector']}>
                  <ProblemDetailPage />
                </RequireRole>
              }
            />
            <Route
              path="/tasks"
              element={
                <RequireRole roles={['district_admin', 'street_admin', 'inspector']}>
                  <TasksPage />
                </RequireRole>
              }
            />
            <Route
              path="/tasks/:id"
              element={
                <RequireRole roles={['district_admin', 'street_admin', 'inspector']}>
                  <TaskDetailPage />
                </RequireRole>
              }
            />
            <Route
              path="/tasks/:id/units/:unitCode"
              element={
                <RequireRole roles={['district_admin', 'street_admin', 'village_user', 'inspector']}>
                  <UnitTaskPage />
                </RequireRole>
              }
            />
            <Route
              path="/my-tasks"
              element={
                <RequireRole roles={['village_user']}>
                  <MyTasksPage />
                </RequireRole>
              }
            />
            <Route
              path="/creation-file/:unitCode?"
              element={
                <RequireRole roles={['district_admin', 'street_admin', 'village_user', 'inspector']}>
                  <CreationFilePage />
                </RequireRole>
              }
            />
            <Route
              path="/warnings"
              element={
                <RequireRole roles={['district_admin', 'street_admin', 'village_user']}>
                  <WarningsPage />
                </RequireRole>
              }
            />
            <Route
              path="/warnings/:id"
              element={
                <RequireRole roles={['district_admin', 'street_admin', 'village_user']}>
                  <WarningDetailPage />
                </RequireRole>
              }
            />
            <Route
              path="/publications"
              element={
                <RequireRole roles={['district_admin', 'street_admin', 'village_user', 'inspector']}>
                  <PublicationsPage />
                </RequireRole>
              }
            />
            <Route
              path="/publications/:id"
              element={
                <RequireRole roles={['district_admin', 'street_admin', 'village_user', 'inspector']}>
                  <PublicationDetailPage />
                </RequireRole>
              }
            />
            <Route
              path="/users"
              element={
                <RequireRole roles={['district_admin']}>
                  <UsersPage />
                </RequireRole>
              }
            />
            <Route
              path="/audit"
              element={
                <RequireRole roles={['district_admin']}>
                  <AuditPage />
                </RequireRole>
              }
            />
            <Route
              path="/campaigns"
              element={
                <RequireRole roles={['district_admin']}>
                  <CampaignsPage />
                </RequireRole>
              }
            />
            <Route
              path="/campaigns/:code"
              element={
                <RequireRole roles={['district_admin']}>
                  <CampaignDetailPage />
                </RequireRole>
              }
            />
            <Route
              path="/targets"
              element={
                <RequireRole roles={['district_admin', 'street_admin', 'village_user']}>
                  <TargetsPage />
                </RequireRole>
              }
            />
            <Route
              path="/scores"
              element={
                <RequireRole roles={['district_admin', 'inspector']}>
                  <ScoreEntryPage />
                </RequireRole>
              }
            />
            <Route
              path="/rankings"
              element={
                <RequireRole roles={['district_admin', 'street_admin', 'village_user', 'inspector']}>
                  <RankingPage />
                </RequireRole>
              }
            />
            <Route
              path="/profile/:unitCode?"
              element={
                <RequireRole roles={['district_admin', 'street_admin', 'village_user', 'inspector']}>
                  <UnitProfilePage />
                </RequireRole>
              }
            />
            <Route
              path="/contests"
              element={
                <RequireRole roles={['district_admin']}>
                  <ContestsPage />
                </RequireRole>
              }
            />
            <Route
              path="/contests/overall/:year"
              element={
                <RequireRole roles={['district_admin']}>
                  <ContestOverallPage />
                </RequireRole>
              }
            />
            <Route
              path="/contests/:code"
              element={
                <RequireRole roles={['district_admin']}>
                  <ContestSetupPage />
                </RequireRole>
              }
            />
            <Route
              path="/contests/:code/console"
              element={
                <RequireRole roles={['district_admin']}>
                  <ConsolePage />
                </RequireRole>
              }
            />
            <Route
              path="/judge"
              element={
                <RequireRole roles={['judge']}>
                  <JudgePage />
                </RequireRole>
              }
            />
            <Route
              path="/dashboard"
              element={
                <RequireRole roles={['district_admin', 'street_admin']}>
                  <DashboardPage />
                </RequireRole>
              }
            />
            <Route
              path="/dashboard/village"
              element={
                <RequireRole roles={['district_admin', 'street_admin', 'village_user']}>
                  <VillageDashboardPage />
                </RequireRole>
              }
            />
            <Route
              path="/bulletins"
              element={
                <RequireRole roles={['district_admin', 'street_admin', 'village_user']}>
                  <BulletinsPage />
                </RequireRole>
              }
            />
            <Route
              path="/bulletins/:id"
              element={
                <RequireRole roles={['district_admin', 'street_admin', 'village_user']}>
                  <BulletinDetailPage />
                </RequireRole>
              }
            />
            <Route
              path="/courtyards"
              element={
                <RequireRole roles={['district_admin', 'street_admin', 'village_user']}>
                  <CourtyardStatsPage />
                </RequireRole>
              }
            />
            <Route
              path="/courtyards/households"
              element={
                <RequireRole roles={['district_admin', 'street_admin', 'village_user']}>
                  <HouseholdsPage />
                </RequireRole>
              }
            />
            <Route
              path="/courtyards/applications"
              element={
                <RequireRole roles={['district_admin', 'street_admin', 'village_user']}>
                  <ApplicationsPage />
                </RequireRole>
              }
            />
            <Route
              path="/courtyards/evaluate"
              element={
                <RequireRole roles={['street_admin', 'inspector']}>
                  <EvaluateListPage />
                </RequireRole>
              }
            />
            <Route
              path="/courtyards/evaluate/:householdCode"
              element={
                <RequireRole roles={['street_admin', 'inspector', 'district_admin']}>
                  <EvaluatePage />
                </RequireRole>
              }
            />
            <Route
              path="/courtyards/h/:householdCode"
              element={
                <RequireRole roles={['district_admin', 'street_admin', 'village_user', 'inspector']}>
                  <HouseholdDetailPage />
                </RequireRole>
              }
            />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </Suspense>
    </BrowserRouter>
  );
}

function Themed() {
  const { lang, t } = useI18n();
  const reducedMotion = useReducedMotion();
  const themed = useMemo<ThemeConfig>(
    () => ({ ...theme, token: { ...theme.token, motion: !reducedMotion } }),
    [reducedMotion],
  );
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t('app.name');
  }, [lang, t]);
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={themed} button={{ autoInsertSpace: false }}>
      <AntdApp>
        <Routed />
      </AntdApp>
    </ConfigProvider>
  );
}

/** The whole app: data cache, language, theme and routes. */
export function App() {
  useEffect(() => {
    // Any 401 after login means the session expired: forget it, and RequireAuth shows the login page.
    setUnauthorizedHandler(() => queryClient.setQueryData(queryKeys.session, null));
    return () => setUnauthorizedHandler(null);
  }, []);
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Themed />
      </I18nProvider>
    </QueryClientProvider>
  );
}
