// Providers (antd locale following i18n, auth, router) and the route table.
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { AuthProvider } from '../auth/AuthContext';
import LoginPage from '../auth/LoginPage';
import PasswordPage from '../auth/PasswordPage';
import { RequireAuth } from '../auth/RequireAuth';
import { AppLayout } from './AppLayout';
import { NotFound } from './ErrorResult';
import HomePage from './HomePage';
import RegionsPage from '../regions/RegionsPage';
import RegionPage from '../regions/RegionPage';

const MapPage = lazy(() => import('../map/MapPage'));
const UsersPage = lazy(() => import('../accounts/UsersPage'));
const DepartmentsPage = lazy(() => import('../accounts/DepartmentsPage'));
const AuditPage = lazy(() => import('../audit/AuditPage'));
const ResidentsPage = lazy(() => import('../registry/people/ResidentsPage'));
const ResidentPage = lazy(() => import('../registry/people/ResidentPage'));
const CareGroupsPage = lazy(() => import('../registry/people/CareGroupsPage'));
const EstatesPage = lazy(() => import('../registry/housing/EstatesPage'));
const EstatePage = lazy(() => import('../registry/housing/EstatePage'));
const BuildingsPage = lazy(() => import('../registry/housing/BuildingsPage'));
const BuildingPage = lazy(() => import('../registry/housing/BuildingPage'));
const DwellingsPage = lazy(() => import('../registry/housing/DwellingsPage'));
const RentalsPage = lazy(() => import('../registry/housing/RentalsPage'));
const PlacesPage = lazy(() => import('../registry/places/PlacesPage'));
const OrganizationsPage = lazy(() => import('../registry/places/OrganizationsPage'));
const AssetsPage = lazy(() => import('../registry/places/AssetsPage'));
// The case loop (事件处置): staff pages inside the shell, the grid worker's phone page outside it.
const DispatchDeskPage = lazy(() => import('../cases/desk/DispatchDeskPage'));
const HandlerInboxPage = lazy(() => import('../cases/handler/HandlerInboxPage'));
const CasesPage = lazy(() => import('../cases/list/CasesPage'));
const CasePage = lazy(() => import('../cases/case/CasePage'));
const CategoriesPage = lazy(() => import('../cases/categories/CategoriesPage'));
const SupervisionBoard = lazy(() => import('../cases/supervision/SupervisionBoard'));
const MeasuresPage = lazy(() => import('../cases/measures/MeasuresPage'));
const CalendarPage = lazy(() => import('../settings/CalendarPage'));
const InboxPage = lazy(() => import('../inbox/InboxPage'));
const GridWorkerPage = lazy(() => import('../cases/grid/GridWorkerPage'));
// Party building (党建) and the workforce (网格力量); the visit page is phone-sized, outside the shell.
const PartyOrgsPage = lazy(() => import('../party/OrgsPage'));
const PartyMembersPage = lazy(() => import('../party/MembersPage'));
const PartyLinksPage = lazy(() => import('../party/LinksPage'));
const PartyJointPage = lazy(() => import('../party/JointPage'));
const PartyRegistrationsPage = lazy(() => import('../party/RegistrationsPage'));
const WorkforceTeamsPage = lazy(() => import('../workforce/TeamsPage'));
const WorkforceWorkersPage = lazy(() => import('../workforce/WorkersPage'));
const WorkforceVisitsPage = lazy(() => import('../workforce/VisitsPage'));
const WorkforceBoardsPage = lazy(() => import('../workforce/BoardsPage'));
const WorkforceReviewsPage = lazy(() => import('../workforce/ReviewsPage'));
const VisitPage = lazy(() => import('../workforce/VisitPage'));
// Public (no login): the rental door sign; a resident's report and follow-up (phone-sized).
const PostingPage = lazy(() => import('../public/PostingPage'));
const ReportPage = lazy(() => import('../public/report/ReportPage'));
const FollowPage = lazy(() => import('../public/report/FollowPage'));

const fallback = <Spin style={{ display: 'block', margin: '80px auto' }} />;

export function Root() {
  const { i18n } = useTranslation();
  const zh = i18n.language !== 'en';
  useEffect(() => {
    dayjs.locale(zh ? 'zh-cn' : 'en');
    document.documentElement.lang = zh ? 'zh-CN' : 'en';
  }, [zh]);
  return (
    <ConfigProvider locale={zh ? zhCN : enUS} theme={{ token: { colorPrimary: '#c62828', borderRadius: 4 } }} componentSize="middle">
      <AntApp>
        <AuthProvider>
          <BrowserRouter>
            <Suspense fallback={fallback}>
              <Routes>
                <Route path="/login" element={<LoginPage />} />
                <Route path="/password" element={<PasswordPage />} />
                <Route path="/posting/:code" element={<PostingPage />} />
                <Route path="/report" element={<ReportPage />} />
                <Route path="/follow" element={<FollowPage />} />
                <Route path="/m/grid" element={<RequireAuth><GridWorkerPage /></RequireAuth>} />
                <Route path="/m/visit" element={<RequireAuth><VisitPage /></RequireAuth>} />
                <Route element={<RequireAuth><AppLayout /></RequireAuth>}>
                  <Route index element={<HomePage />} />
                  <Route path="regions" element={<RegionsPage />}>
                    <Route path=":id" element={<RegionPage />} />
                  </Route>
                  <Route path="map" element={<MapPage />} />
                  <Route path="map/:id" element={<MapPage />} />
                  <Route path="users" element={<UsersPage />} />
                  <Route path="departments" element={<DepartmentsPage />} />
                  <Route path="audit" element={<AuditPage />} />
                  <Route path="residents" element={<ResidentsPage />} />
                  <Route path="residents/:id" element={<ResidentPage />} />
                  <Route path="settings/care-groups" element={<CareGroupsPage />} />
                  <Route path="estates" element={<EstatesPage />} />
                  <Route path="estates/:id" element={<EstatePage />} />
                  <Route path="buildings" element={<BuildingsPage />} />
                  <Route path="buildings/:id" element={<BuildingPage />} />
                  <Route path="dwellings" element={<DwellingsPage />} />
                  <Route path="rentals" element={<RentalsPage />} />
                  <Route path="places" element={<PlacesPage />} />
                  <Route path="organizations" element={<OrganizationsPage />} />
                  <Route path="assets" element={<AssetsPage />} />
                  <Route path="cases" element={<CasesPage />} />
                  <Route path="cases/desk" element={<DispatchDeskPage />} />
                  <Route path="cases/tasks" element={<HandlerInboxPage />} />
                  <Route path="cases/categories" element={<CategoriesPage />} />
                  <Route path="cases/supervision" element={<SupervisionBoard />} />
                  <Route path="cases/measures" element={<MeasuresPage />} />
                  <Route path="settings/calendar" element={<CalendarPage />} />
                  <Route path="inbox" element={<InboxPage />} />
                  <Route path="cases/:id" element={<CasePage />} />
                  <Route path="party/orgs" element={<PartyOrgsPage />} />
                  <Route path="party/members" element={<PartyMembersPage />} />
                  <Route path="party/links" element={<PartyLinksPage />} />
                  <Route path="party/joint" element={<PartyJointPage />} />
                  <Route path="party/registrations" element={<PartyRegistrationsPage />} />
                  <Route path="workforce/teams" element={<WorkforceTeamsPage />} />
                  <Route path="workforce/workers" element={<WorkforceWorkersPage />} />
                  <Route path="workforce/visits" element={<WorkforceVisitsPage />} />
                  <Route path="workforce/boards" element={<WorkforceBoardsPage />} />
                  <Route path="workforce/reviews" element={<WorkforceReviewsPage />} />
                  <Route path="*" element={<NotFound />} />
                </Route>
              </Routes>
            </Suspense>
          </BrowserRouter>
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}
