// 组织: one tab per kind (两新组织/群众团队/业委会/物业公司/驻区单位); teams and owners'
// committees have a members editor; 党建引领 waits for the party module.
import { Button, Card, Input, Select, Table, Tabs, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ORG_KINDS, ORG_SUBKINDS, type OrganizationView, type OrgKind } from '../../api/types';
import { useApi } from '../../api/useApi';
import { useAuth } from '../../auth/AuthContext';
import { RegionPicker } from '../../regions/RegionPicker';
import { ErrorResult } from '../../shell/ErrorResult';
import { FilterBar, Labeled, ListActions, pagination, useListQuery } from '../housing/common';
import { placesApi } from './api';
import { MembersDrawer } from './MembersDrawer';
import { OrganizationFormModal } from './OrganizationFormModal';

const KINDS = Object.keys(ORG_KINDS) as OrgKind[];
const WITH_MEMBERS: OrgKind[] = ['communityTeam', 'ownersCommittee'];
type Filters = { kind: OrgKind; subkind?: string; regionId?: number; q?: string };

export function PartyLed({ org }: { org: OrganizationView }) {
  const { t } = useTranslation();
  // Only owners' committees are party-led or not (党员过半数即红色业委会); for other kinds it does not apply.
  if (org.partyLed === null) return <span>{t('common.none')}</span>;
  const tag = org.partyLed ? <Tag color="red" data-testid="party-led">{t('places.partyLedYes')}</Tag> : <Tag data-testid="party-led">{t('common.no')}</Tag>;
  return org.partyLedNote ? <Tooltip title={org.partyLedNote}>{tag}</Tooltip> : tag;
}

export default function OrganizationsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const l = useListQuery<Filters>({ kind: 'newOrganization' });
  const [editing, setEditing] = useState<OrganizationView | 'new' | null>(null);
  const [members, setMembers] = useState<number | null>(null);
  const list = useApi(() => placesApi.organizations({ ...l.filters, ...l.paging }), [l.filters, l.page, l.pageSize]);
  const kind = l.filters.kind;
  const subkinds = Object.entries(ORG_SUBKINDS[kind] ?? {});
  if (list.error && list.error.status !== 400) return <ErrorResult error={list.error} onRetry={list.reload} />;

  return (
    <Card size="small" title={t('places.organizations')} extra={<ListActions entity="organization" filters={l.filters} canWrite={can('registry.write')} onCreate={() => setEditing('new')} createLabel={t('places.orgCreate')} onImported={list.reload} />}>
      <Tabs activeKey={kind} onChange={(k) => l.set({ kind: k as OrgKind, subkind: undefined })} size="small" data-testid="org-tabs"
        items={KINDS.map((k) => ({ key: k, label: <span data-testid={`org-tab-${k}`}>{t(`places.orgKinds.${k}`)}</span> }))} />
      <FilterBar>
        <Labeled label={t('housing.region')}><RegionPicker value={l.filters.regionId} onChange={(v) => l.set({ regionId: v ?? undefined })} style={{ width: 220 }} /></Labeled>
        {subkinds.length > 0 && (
          <Labeled label={t('places.subkind')}>
            <Select allowClear style={{ width: 130 }} placeholder={t('common.all')} value={l.filters.subkind} onChange={(v?: string) => l.set({ subkind: v })} options={subkinds.map(([value, label]) => ({ value, label }))} />
          </Labeled>
        )}
        <Input.Search allowClear placeholder={t('places.orgQuery')} style={{ width: 240 }} onSearch={(v) => l.set({ q: v.trim() || undefined })} />
      </FilterBar>
      <Table<OrganizationView>
        size="small" rowKey="id" bordered loading={list.loading} dataSource={list.data?.items ?? []} data-testid="orgs-table"
        pagination={pagination(t, l, list.data?.total)}
        columns={[
          { title: t('places.orgName'), dataIndex: 'name' },
          ...(subkinds.length ? [{ title: t('places.subkind'), dataIndex: 'subkindLabel', width: 100, render: (v: string | null) => (v ? <Tag>{v}</Tag> : t('common.none')) }] : []),
          { title: t('housing.region'), width: 130, render: (_, o) => o.region.name },
          ...(kind === 'ownersCommittee' || kind === 'propertyCompany'
            ? [{ title: t('housing.estate'), width: 140, render: (_: unknown, o: OrganizationView) => (o.estate ? <Link to={`/estates/${o.estate.id}`}>{o.estate.name}</Link> : t('common.none')) }] : []),
          { title: t('places.leader'), width: 90, render: (_, o) => (o.leaderResidentId ? <Link to={`/residents/${o.leaderResidentId}`}>{o.leaderName}</Link> : o.leaderName ?? t('common.none')) },
          { title: t('places.contactMobile'), dataIndex: 'contactMobile', width: 120, render: (v: string | null) => v ?? t('common.none') },
          ...(WITH_MEMBERS.includes(kind) ? [{ title: t('places.memberCount'), dataIndex: 'memberCount', width: 70, align: 'right' as const }] : []),
          { title: t('places.partyLed'), width: 110, render: (_, o) => <PartyLed org={o} /> },
          {
            title: t('common.actions'), width: 120, render: (_, o) => (
              <>
                {WITH_MEMBERS.includes(o.kind as OrgKind) && <Button type="link" size="small" onClick={() => setMembers(o.id)} data-testid={`org-members-${o.id}`}>{t('places.members')}</Button>}
                {can('registry.write') && <Button type="link" size="small" onClick={() => setEditing(o)}>{t('common.edit')}</Button>}
              </>
            ),
          },
        ]}
      />
      {editing && <OrganizationFormModal org={editing === 'new' ? null : editing} kind={kind} onClose={() => setEditing(null)} onDone={() => { setEditing(null); list.reload(); }} />}
      <MembersDrawer orgId={members} canWrite={can('registry.write')} onClose={() => setMembers(null)} onSaved={list.reload} />
    </Card>
  );
}
