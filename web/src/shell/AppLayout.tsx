// The frame every signed-in page lives in: top bar, left navigation, content.
import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Dropdown, Layout, Menu, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { InboxBell } from '../inbox/InboxBell';
import { roleLabel } from '../i18n/names';
import { LanguageSwitch } from './LanguageSwitch';
import { navItems, selectedNavKey } from './nav';

export function AppLayout() {
  const { t } = useTranslation();
  const { user, logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const fullHeight = location.pathname.startsWith('/map');

  const onLogout = async () => {
    await logout();
    navigate('/login', { replace: true });
  };

  return (
    <Layout style={{ height: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, padding: '0 16px', background: '#b71c1c', height: 52, lineHeight: '52px' }}>
        <Typography.Text strong style={{ color: '#fff', fontSize: 18, whiteSpace: 'nowrap' }} data-testid="product-name">
          {t('app.product')}
        </Typography.Text>
        <Typography.Text style={{ color: 'rgba(255,255,255,.75)' }}>{t('app.subtitle')}</Typography.Text>
        <div style={{ flex: 1 }} />
        <InboxBell />
        <span style={{ background: '#fff', borderRadius: 4, padding: '0 6px', lineHeight: '28px' }}><LanguageSwitch /></span>
        <Dropdown
          menu={{
            items: [
              { key: 'pw', label: t('top.changePassword'), onClick: () => navigate('/password') },
              { key: 'logout', icon: <LogoutOutlined />, label: t('top.logout'), onClick: () => void onLogout() },
            ],
          }}
        >
          <Space style={{ color: '#fff', cursor: 'pointer' }} data-testid="current-user">
            <UserOutlined />
            <span>{user?.displayName}</span>
            {user?.roles[0] && <Tag variant="filled">{roleLabel(t, user.roles[0])}</Tag>}
          </Space>
        </Dropdown>
        <Button size="small" icon={<LogoutOutlined />} onClick={() => void onLogout()} data-testid="logout">
          {t('top.logout')}
        </Button>
      </Layout.Header>
      <Layout>
        <Layout.Sider theme="light" width={208} collapsible collapsed={collapsed} onCollapse={setCollapsed} style={{ overflow: 'auto' }}>
          <Menu
            mode="inline"
            selectedKeys={[selectedNavKey(location.pathname)]}
            items={navItems(t, user?.permissions ?? [])}
            onClick={({ key }) => navigate(key)}
            style={{ borderInlineEnd: 0 }}
            data-testid="nav"
          />
        </Layout.Sider>
        <Layout.Content style={{ overflow: fullHeight ? 'hidden' : 'auto', padding: fullHeight ? 0 : 16, position: 'relative' }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
