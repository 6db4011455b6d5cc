// 党组织: the organization tree of a region (default: the caller's scope) on the left, the
// selected organization on the right, and the rules' warnings with their numbers above.
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Input, Skeleton, Space, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/useApi';
import { useAuth } from '../auth/AuthContext';
import { ErrorResult } from '../shell/ErrorResult';
import { partyApi, type PartyOrgView } from './api';
import { FilterBar, Labeled, RegionFilter, useRegionFilter } from './common';
import { OrgDetail } from './orgs/OrgDetail';
import { OrgFormModal } from './orgs/OrgFormModal';
import { OrgTree } from './orgs/OrgTree';
import { WarningsCard } from './orgs/WarningsCard';

type Editing = { org: PartyOrgView | null; parent?: PartyOrgView | null };

export default function OrgsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const rf = useRegionFilter();
  const [query, setQuery] = useState('');
  const [archived, setArchived] = useState(false);
  const [selected, setSelected] = useState<number | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [tick, setTick] = useState(0);
  const orgs = useApi(() => partyApi.orgs({ regionId: rf.regionId, includeArchived: archived }), [rf.regionId, archived, tick]);
  const warnings = useApi(() => partyApi.warnings(rf.regionId), [rf.regionId, tick]);
  const changed = () => setTick((n) => n + 1);
  if (orgs.error && orgs.error.status !== 400) return <ErrorResult error={orgs.error} onRetry={orgs.reload} />;
  const items = orgs.data?.items ?? [];

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small" title={<span data-testid="party-orgs-title">{t('party.org.title')}</span>}
        extra={can('party.write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ org: null })} data-testid="org-create">{t('party.org.create')}</Button>}>
        <FilterBar>
          <RegionFilter value={rf.region} onChange={(r) => { rf.setRegion(r); setSelected(null); }} testId="orgs-filter-region" />
          <Input.Search allowClear placeholder={t('party.org.searchPlaceholder')} style={{ width: 240 }} onChange={(e) => setQuery(e.target.value)} onSearch={setQuery} data-testid="orgs-search" />
          <Labeled label={t('party.org.showArchived')}><Switch size="small" checked={archived} onChange={setArchived} /></Labeled>
          <span style={{ color: '#8c8c8c' }} data-testid="orgs-total">{t('party.org.total', { n: items.filter((o) => !o.archivedAt).length, members: items.filter((o) => o.parentId === null || !items.some((p) => p.id === o.parentId)).reduce((s, o) => s + o.memberCountTotal, 0) })}</span>
        </FilterBar>
        <WarningsCard items={warnings.data?.items ?? []} rules={warnings.data?.rules} summary={warnings.data?.summary} loading={warnings.loading}
          onOpen={(w) => setSelected(w.subject.id)} />
      </Card>
      <div style={{ display: 'flex', gap: 12, alignItems: 'flex-start' }}>
        <Card size="small" title={t('party.org.tree')} style={{ width: 430, flex: 'none' }} styles={{ body: { maxHeight: 'calc(100vh - 300px)', minHeight: 240, overflow: 'auto' } }}>
          {orgs.loading && !orgs.data ? <Skeleton active /> : (
            <OrgTree orgs={items} warnings={warnings.data?.items ?? []} query={query} selectedId={selected} onSelect={(o) => setSelected(o.id)} />
          )}
        </Card>
        <div style={{ flex: 1, minWidth: 0 }}>
          {selected ? (
            <OrgDetail orgId={selected} regionId={rf.regionId} reloadKey={tick}
              onEdit={(o) => setEditing({ org: o })} onCreateChild={(p) => setEditing({ org: null, parent: p })}
              onSelect={(o) => setSelected(o.id)} onChanged={changed} />
          ) : <Card size="small"><Empty description={t('party.org.selectHint')} data-testid="org-select-hint" /></Card>}
        </div>
      </div>
      {editing && (
        <OrgFormModal org={editing.org} parent={editing.parent} regionId={rf.regionId} defaultRegion={rf.region}
          onClose={() => setEditing(null)} onDone={(o) => { setEditing(null); setSelected(o.id); changed(); }} />
      )}
    </Space>
  );
}
