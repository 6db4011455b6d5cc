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
