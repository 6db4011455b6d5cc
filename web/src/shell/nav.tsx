// Left navigation: the modules that exist, then the ones to come (disabled, tagged).
import {
  AlertOutlined, ApartmentOutlined, AuditOutlined, BankOutlined, BarChartOutlined, BellOutlined, BlockOutlined, BuildOutlined,
  CalendarOutlined, CarryOutOutlined, ClusterOutlined, CommentOutlined, DashboardOutlined, EnvironmentOutlined, ExclamationCircleOutlined,
  FlagOutlined, GoldOutlined, HomeOutlined, IdcardOutlined, KeyOutlined, MobileOutlined, PartitionOutlined, ShopOutlined, SolutionOutlined,
  TagsOutlined, TeamOutlined, ToolOutlined, UnorderedListOutlined, UserOutlined,
} from '@ant-design/icons';
import { Tag, type MenuProps } from 'antd';
import type { TFunction } from 'i18next';

type Item = Required<MenuProps>['items'][number];

const COMING: [string, React.ReactNode][] = [
  ['services', <CommentOutlined />], ['emergency', <AlertOutlined />],
  ['dashboard', <DashboardOutlined />],
];

export function navItems(t: TFunction, permissions: string[]): Item[] {
  const items: Item[] = [
    { key: '/', icon: <HomeOutlined />, label: t('nav.home') },
    { key: '/regions', icon: <ClusterOutlined />, label: t('nav.regions') },
    { key: '/map', icon: <EnvironmentOutlined />, label: t('nav.map') },
  ];
  // 事件处置: each page only for those who may use it.
  const has = (p: string) => permissions.includes(p);
  const cases: Item[] = [];
  if (has('cases.dispatch')) cases.push({ key: '/cases/desk', icon: <SolutionOutlined />, label: t('cases.nav.desk') });
  // Desks handle study cases from their own desk; the task list is the departments' queue.
  if (has('cases.handle') && !has('cases.dispatch')) cases.push({ key: '/cases/tasks', icon: <CarryOutOutlined />, label: t('cases.nav.tasks') });
  if (has('cases.verify') && !has('cases.dispatch')) cases.push({ key: '/m/grid', icon: <MobileOutlined />, label: t('cases.nav.grid') });
  if (has('cases.read')) cases.push({ key: '/cases', icon: <UnorderedListOutlined />, label: t('cases.nav.all') });
  if (has('cases.supervise') || has('cases.dispatch') || has('cases.handle')) cases.push({ key: '/cases/supervision', icon: <ExclamationCircleOutlined />, label: t('cases.nav.supervision') });
  if (has('cases.read')) cases.push({ key: '/cases/measures', icon: <BarChartOutlined />, label: t('cases.nav.measures') });
  if (has('cases.configure')) {
    cases.push({ key: '/cases/categories', icon: <PartitionOutlined />, label: t('cases.nav.categories') });
    cases.push({ key: '/settings/calendar', icon: <CalendarOutlined />, label: t('cases.nav.calendar') });
  }
  // Everyone signed in has an inbox (tasks, returns, supervision notices, feedback).
  cases.push({ key: '/inbox', icon: <BellOutlined />, label: t('cases.nav.inbox') });
  if (cases.length) items.push({ type: 'group', key: 'cases', label: t('cases.nav.group'), children: cases });
  // 党建引领 and 网格力量: everyone in scope reads; the forms inside each page ask for the write permissions.
  items.push({
    type: 'group', key: 'party', label: t('party.nav.group'), children: [
      { key: '/party/orgs', icon: <FlagOutlined />, label: t('party.nav.orgs') },
      { key: '/party/members', icon: <IdcardOutlined />, label: t('party.nav.members') },
      { key: '/party/links', icon: <HomeOutlined />, label: t('party.nav.links') },
      { key: '/party/joint', icon: <BankOutlined />, label: t('party.nav.joint') },
      { key: '/party/registrations', icon: <SolutionOutlined />, label: t('party.nav.registrations') },
    ],
  });
  const workforce: Item[] = [
    { key: '/workforce/teams', icon: <TeamOutlined />, label: t('workforce.nav.teams') },
    { key: '/workforce/workers', icon: <UserOutlined />, label: t('workforce.nav.workers') },
    { key: '/workforce/visits', icon: <EnvironmentOutlined />, label: t('workforce.nav.visits') },
    { key: '/workforce/boards', icon: <BarChartOutlined />, label: t('workforce.nav.boards') },
    { key: '/workforce/reviews', icon: <CarryOutOutlined />, label: t('workforce.nav.reviews') },
  ];
  if (has('workforce.visit')) workforce.unshift({ key: '/m/visit', icon: <MobileOutlined />, label: t('workforce.nav.visit') });
  items.push({ type: 'group', key: 'workforce', label: t('workforce.nav.group'), children: workforce });
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

/** Case pages with their own menu entry; any other /cases/… (a case) belongs to 全部事件. */
const CASE_PAGES = ['desk', 'tasks', 'supervision', 'measures', 'categories'];

export function selectedNavKey(pathname: string): string {
  const [, first = '', second = ''] = pathname.split('/');
  if (first === 'settings' || first === 'm') return pathname;
  if (first === 'party' || first === 'workforce') return `/${first}/${second}`;
  if (first === 'cases' && CASE_PAGES.includes(second)) return `/cases/${second}`;
  return first ? `/${first}` : '/';
}
