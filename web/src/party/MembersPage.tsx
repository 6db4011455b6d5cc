// 党员: the member list with filters (region, organization, kind, name), Excel export, and
// create (from a resident) / edit / transfer (history kept) / archive in a drawer.
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext';
import { MEMBER_KINDS, partyApi, type MemberFilters, type MemberKind } from './api';
import { FilterBar, Labeled, OrgSelect, RegionFilter, useRegionFilter } from './common';
import { MemberDrawer } from './members/MemberDrawer';
import { MemberFormModal } from './members/MemberFormModal';
import { MembersTable } from './members/MembersTable';

export default function MembersPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const rf = useRegionFilter();
  const [orgId, setOrgId] = useState<number>();
  const [kind, setKind] = useState<MemberKind>();
  const [q, setQ] = useState<string>();
  const [subOrgs, setSubOrgs] = useState(true);
  const [archived, setArchived] = useState(false);
  const [open, setOpen] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const [tick, setTick] = useState(0);
  const filters: MemberFilters = { regionId: rf.regionId, orgId, kind, q, includeSubOrgs: orgId ? subOrgs : undefined, includeArchived: archived || undefined };
  const reload = () => setTick((n) => n + 1);
  return (
    <Card size="small" title={<span data-testid="party-members-title">{t('party.member.title')}</span>} extra={(
      <Space>
        <Button icon={<DownloadOutlined />} href={partyApi.membersExportUrl(filters)} download data-testid="members-export">{t('party.common.export')}</Button>
        {can('party.write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="member-create">{t('party.member.create')}</Button>}
      </Space>
    )}>
      <FilterBar>
        <RegionFilter value={rf.region} onChange={(r) => { rf.setRegion(r); setOrgId(undefined); }} testId="members-filter-region" />
        <Labeled label={t('party.member.org')}><OrgSelect value={orgId} onChange={(v) => setOrgId(v ?? undefined)} regionId={rf.regionId} placeholder={t('common.all')} testId="members-filter-org" /></Labeled>
        {orgId && <Labeled label={t('party.member.includeSubOrgs')}><Switch size="small" checked={subOrgs} onChange={setSubOrgs} /></Labeled>}
        <Labeled label={t('party.member.kind')}>
          <Select allowClear value={kind} placeholder={t('common.all')} style={{ width: 120 }} onChange={(v?: MemberKind) => setKind(v)} data-testid="members-filter-kind"
            options={MEMBER_KINDS.map((k) => ({ value: k, label: t(`party.memberKind.${k}`) }))} />
        </Labeled>
        <Input.Search allowClear placeholder={t('party.member.searchPlaceholder')} style={{ width: 220 }} onSearch={(v) => setQ(v.trim() || undefined)} data-testid="members-search" />
        <Labeled label={t('party.member.showArchived')}><Switch size="small" checked={archived} onChange={setArchived} data-testid="members-archived" /></Labeled>
      </FilterBar>
      <MembersTable filters={filters} reloadKey={tick} onOpen={(m) => setOpen(m.id)} actions={(m) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setOpen(m.id)}>{t('party.common.view')}</Button>
        </Space>
      )} />
      <MemberDrawer memberId={open} regionId={rf.regionId} onClose={() => setOpen(null)} onChanged={reload} />
      {creating && <MemberFormModal member={null} defaultOrgId={orgId} regionId={rf.regionId} onClose={() => setCreating(false)} onDone={(m) => { setCreating(false); reload(); setOpen(m.id); }} />}
    </Card>
  );
}
