// Landing page: who I am, where I govern, where to go next.
import { ApartmentOutlined, AuditOutlined, ClusterOutlined, EnvironmentOutlined, UserOutlined } from '@ant-design/icons';
import { Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { levelLabel, roleLabel } from '../i18n/names';

interface QuickLink { to: string; icon: ReactNode; title: string; desc: string; permission?: string }

export default function HomePage() {
  const { t } = useTranslation();
  const { user, can } = useAuth();
  if (!user) return null;
  const scope = user.scopeRegion;
  const links: QuickLink[] = [
    { to: scope ? `/regions/${scope.id}` : '/regions', icon: <ClusterOutlined />, title: t('nav.regions'), desc: t('home.regionsDesc') },
    { to: scope ? `/map/${scope.id}` : '/map', icon: <EnvironmentOutlined />, title: t('nav.map'), desc: t('home.mapDesc') },
    { to: '/users', icon: <UserOutlined />, title: t('nav.users'), desc: t('home.usersDesc'), permission: 'users.manage' },
    { to: '/departments', icon: <ApartmentOutlined />, title: t('nav.departments'), desc: t('home.departmentsDesc'), permission: 'departments.manage' },
    { to: '/audit', icon: <AuditOutlined />, title: t('nav.audit'), desc: t('home.auditDesc'), permission: 'audit.read' },
  ];
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="home-greeting">
          {t('home.greeting', { name: user.displayName })}
        </Typography.Title>
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={t('home.scope')}>
            {scope ? (
              <Link to={`/regions/${scope.id}`} data-testid="home-scope">
                {scope.name} <Tag>{levelLabel(t, scope.level)}</Tag>
              </Link>
            ) : (
              <span data-testid="home-scope">{t('home.noScope')}</span>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('home.roles')}>
            {user.roles.map((r) => <Tag color="red" key={r}>{roleLabel(t, r)}</Tag>)}
          </Descriptions.Item>
          <Descriptions.Item label={t('home.department')}>{user.department?.name ?? t('common.none')}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('home.quickLinks')}>
        <Row gutter={[16, 16]}>
          {links.filter((l) => !l.permission || can(l.permission)).map((l) => (
            <Col key={l.to} xs={24} sm={12} lg={8} xl={6}>
              <Link to={l.to} style={{ display: 'block', height: '100%' }}>
                <Card hoverable size="small" style={{ height: '100%' }}>
                  <Card.Meta avatar={<span style={{ fontSize: 24, color: '#c62828' }}>{l.icon}</span>} title={l.title} description={l.desc} />
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      </Card>
    </Space>
  );
}
