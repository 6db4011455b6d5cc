// Left navigation: the modules that exist, then the ones to come (disabled, tagged).
import {
  AlertOutlined, ApartmentOutlined, AuditOutlined, ClusterOutlined, CommentOutlined, DashboardOutlined, EnvironmentOutlined,
  FlagOutlined, HomeOutlined, IdcardOutlined, SolutionOutlined, TagsOutlined, TeamOutlined, UserOutlined,
  BankOutlined, BlockOutlined, BuildOutlined, GoldOutlined, KeyOutlined, ShopOutlined, ToolOutlined,
} from '@ant-design/icons';
import { Tag, type MenuProps } from 'antd';
import type { TFunction } from 'i18next';

type Item = Required<MenuProps>['items'][number];

const COMING: [string, React.ReactNode][] = [
  ['cases', <SolutionOutlined />], ['party', <FlagOutlined />],
  ['workforce', <TeamOutlined />], ['services', <CommentOutlined />], ['emergency', <AlertOutlined />],
  ['dashboard', <DashboardOutlined />],
];

export function navItems(t: TFunction, permissions: string[]): Item[] {
  const items: Item[] = [
    { key: '/', icon: <HomeOutlined />, label: t('nav.home') },
    { key: '/regions', icon: <ClusterOutlined />, label: t('nav.regions') },
    { key: '/map', icon: <EnvironmentOutlined />, label: t('nav.map') },
  ];
  // 人口: the people side of the registry.
  const registry: Item[] = [{ key: '/residents', icon: <IdcardOutlined />, label: t('people.nav.residents') }];
  items.push({ type: 'group', key: 'registry', label: t('people.nav.group'), children: registry });
  items.push({
    type: 'group', key: 'housing', label: t('housing.navGroup'), children: [
      { key: '/estates', icon: <BlockOutlined />, label: t('housing.estates') },
      { key: '/buildings', icon: <BuildOutlined />, label: t('housing.buildings') },
      { key: '/dwellings', icon: <GoldOutlined />, label: t('housing.dwellings') },
      { key: '/rentals', icon: <KeyOutlined />, label: t('housing.rentals') },
    ],
  });
  items.push({
    type: 'group', key: 'places', label: t('places.navGroup'), children: [
      { key: '/places', icon: <ShopOutlined />, label: t('places.places') },
      { key: '/organizations', icon: <BankOutlined />, label: t('places.organizations') },
      { key: '/assets', icon: <ToolOutlined />, label: t('places.assets') },
    ],
  });
  const admin: Item[] = [];
  if (permissions.includes('users.manage')) admin.push({ key: '/users', icon: <UserOutlined />, label: t('nav.users') });
  if (permissions.includes('departments.manage') || permissions.includes('users.manage'))
    admin.push({ key: '/departments', icon: <ApartmentOutlined />, label: t('nav.departments') });
  if (permissions.includes('audit.read')) admin.push({ key: '/audit', icon: <AuditOutlined />, label: t('nav.audit') });
  if (permissions.includes('settings.write')) admin.push({ key: '/settings/care-groups', icon: <TagsOutlined />, label: t('people.nav.careGroups') });
  if (admin.length) items.push({ type: 'group', key: 'admin', label: t('nav.system'), children: admin });
  items.push({
    type: 'group',
    key: 'coming',
    label: t('nav.coming'),
    children: COMING.map(([key, icon]) => ({
      key: `coming:${key}`,
      icon,
      disabled: true,
      label: (
        <span>
          {t(`nav.${key}`)} <Tag style={{ marginInlineStart: 4, fontSize: 11 }}>{t('nav.coming')}</Tag>
        </span>
      ),
    })),
  });
  return items;
}

export function selectedNavKey(pathname: string): string {
  const first = pathname.split('/')[1] ?? '';
  if (first === 'settings') return pathname;
  return first ? `/${first}` : '/';
}
