// 网格员工作台 (phone): the open cases of my grid, worst clock first, each opening a sheet with my
// steps (核查, 立即办结); 巡查上报; and 立即办 on the spot. The map of the report forms shows my
// grid and its micro-grids.
import { DesktopOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Empty, Result, Segmented, Spin } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../auth/AuthContext';
import { useApi } from '../../api/useApi';
import PhoneShell, { Section } from '../../public/report/PhoneShell';
import { casesApi } from '../api';
import { scopeOutlines } from './api';
import CaseCard, { byUrgency } from './CaseCard';
import CaseSheet from './CaseSheet';
import PatrolReport from './PatrolReport';

type Tab = 'todo' | 'patrol' | 'immediate';
const TABS: Tab[] = ['todo', 'patrol', 'immediate'];

export default function GridWorkerPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const tab: Tab = TABS.includes(params.get('tab') as Tab) ? (params.get('tab') as Tab) : 'todo';
  const [openId, setOpenId] = useState<number | null>(null);
  const scope = user?.scopeRegion ?? null;

  const list = useApi(() => casesApi.list({ view: 'mine' }, 100), []);
  const outlines = useApi(() => (scope ? scopeOutlines(scope.id) : Promise.resolve(undefined)), [scope?.id]);
  const [onlyVerify, setOnlyVerify] = useState(false);
  const all = useMemo(() => [...(list.data?.items ?? [])].sort(byUrgency), [list.data]);
  // 待核查: the cases waiting for the worker's own step, out of everything open in the grid.
  const toVerify = all.filter((c) => c.status === 'handled');
  const items = onlyVerify ? toVerify : all;

  const setTab = (next: Tab) => setParams(next === 'todo' ? {} : { tab: next }, { replace: true });

  const title = (
    <span>
      {t('grid.title')}
      {user && <span style={{ fontSize: 13, fontWeight: 400, opacity: 0.9, marginInlineStart: 8 }}>{user.displayName}</span>}
    </span>
  );
  const extra = (
    <Link to="/" style={{ color: '#fff', fontSize: 13, whiteSpace: 'nowrap' }} data-testid="grid-desktop"><DesktopOutlined /> {t('grid.desktop')}</Link>
  );

  if (user && !scope) {
    return <PhoneShell title={title} extra={extra} testId="grid-page"><Result status="info" title={t('grid.noScope')} /></PhoneShell>;
  }

  return (
    <PhoneShell title={title} subtitle={scope?.name} extra={extra} testId="grid-page">
      <Segmented<Tab>
        block value={tab} onChange={setTab} style={{ marginBottom: 12, padding: 4 }} data-testid="grid-tabs"
        options={TABS.map((k) => ({
          value: k,
          label: (
            <div style={{ padding: '6px 0', fontSize: 15 }} data-testid={`grid-tab-${k}`}>
              {k === 'todo' ? <Badge count={list.data?.total ?? 0} size="small" offset={[8, -2]}>{t('grid.tabs.todo')}</Badge> : t(`grid.tabs.${k}`)}
            </div>
          ),
        }))}
      />
      {tab === 'todo' && (
        <div data-testid="grid-todo">
          <div style={{ display: 'flex', alignItems: 'center', gap: 8, margin: '0 4px 8px' }}>
            <Segmented<'all' | 'verify'>
              size="middle" value={onlyVerify ? 'verify' : 'all'} onChange={(v) => setOnlyVerify(v === 'verify')} data-testid="grid-filter"
              options={[
                { value: 'all', label: `${t('grid.todo.all')} ${all.length}` },
                { value: 'verify', label: <span data-testid="grid-filter-verify">{`${t('grid.todo.toVerify')} ${toVerify.length}`}</span> },
              ]}
            />
            <span style={{ flex: 1 }} />
            <Button type="text" icon={<ReloadOutlined />} onClick={list.reload} loading={list.loading} data-testid="grid-refresh">{t('grid.todo.refresh')}</Button>
          </div>
          {list.data && <div style={{ margin: '0 4px 8px', color: '#8c8c8c', fontSize: 12 }}>{t('grid.todo.sortHint')}</div>}
          {list.error && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
          {!list.data && list.loading && <Spin style={{ display: 'block', margin: '40px auto' }} />}
          {list.data && !items.length && <Section><Empty description={t(onlyVerify ? 'grid.todo.emptyVerify' : 'grid.todo.empty')} /></Section>}
          {items.map((c) => <CaseCard key={c.id} item={c} onOpen={() => setOpenId(c.id)} />)}
        </div>
      )}
      {tab !== 'todo' && (
        <Section testId={`grid-${tab}`}>
          <PatrolReport
            key={tab} immediate={tab === 'immediate'} regions={outlines.data}
            onDone={list.reload} onOpen={(id) => setOpenId(id)}
          />
        </Section>
      )}
      <CaseSheet caseId={openId} onClose={() => setOpenId(null)} onChanged={list.reload} />
    </PhoneShell>
  );
}
