// 报到台: registrations at the communities in view (filters: community, kind, active or not, name),
// with register / detail (posts, pledges, hours, deregister).
import { PlusOutlined } from '@ant-design/icons';
import { Button, Input, Segmented, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/useApi';
import { useAuth } from '../../auth/AuthContext';
import { ErrorResult } from '../../shell/ErrorResult';
import { partyApi, type RegistrationKind, type RegistrationView } from '../api';
import { FilterBar, Labeled, RegionFilter, useRegionFilter } from '../common';
import { RegisterModal } from './RegisterModal';
import { RegistrationDrawer } from './RegistrationDrawer';

type Active = 'active' | 'deregistered' | 'all';

export function RegistrationDesk() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const rf = useRegionFilter();
  const [kind, setKind] = useState<RegistrationKind>();
  const [active, setActive] = useState<Active>('active');
  const [q, setQ] = useState<string>();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<number | null>(null);
  const [registering, setRegistering] = useState(false);
  const [tick, setTick] = useState(0);
  const PAGE = 20;
  // The region filter narrows to a community when one is chosen; above that the list covers the scope.
  const filters = { communityId: rf.region && rf.region.id !== rf.scope?.id ? rf.region.id : undefined, kind, active: active === 'all' ? undefined : active === 'active', q };
  const list = useApi(() => partyApi.registrations(filters, PAGE, (page - 1) * PAGE), [JSON.stringify(filters), page, tick]);
  const set = (fn: () => void) => { fn(); setPage(1); };
  if (list.error && list.error.status !== 400) return <ErrorResult error={list.error} onRetry={list.reload} />;
  const none = t('common.none');
  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start', gap: 12 }}>
        <FilterBar>
          <RegionFilter value={rf.region} onChange={(r) => set(() => rf.setRegion(r))} level={4} testId="reg-filter-community" />
          <Labeled label={t('party.reg.kindLabel')}>
            <Select allowClear value={kind} placeholder={t('common.all')} style={{ width: 150 }} onChange={(v?: RegistrationKind) => set(() => setKind(v))} data-testid="reg-filter-kind"
              options={(['member', 'organization'] as const).map((k) => ({ value: k, label: t(`party.reg.kind.${k}`) }))} />
          </Labeled>
          <Segmented value={active} onChange={(v) => set(() => setActive(v as Active))} data-testid="reg-filter-active"
            options={(['active', 'deregistered', 'all'] as const).map((v) => ({ value: v, label: t(`party.reg.activeFilter.${v}`) }))} />
          <Input.Search allowClear placeholder={t('party.reg.searchPlaceholder')} style={{ width: 220 }} onSearch={(v) => set(() => setQ(v.trim() || undefined))} data-testid="reg-search" />
        </FilterBar>
        {can('party.write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="reg-register">{t('party.reg.register')}</Button>}
      </div>
      <Table<RegistrationView>
        size="small" rowKey="id" bordered loading={list.loading} dataSource={list.data?.items ?? []} data-testid="registrations-table"
        locale={{ emptyText: t('party.reg.empty') }}
        onRow={(r) => ({ 'data-testid': 'registration-row', 'data-id': r.id } as React.HTMLAttributes<HTMLElement>)}
        pagination={{ current: page, pageSize: PAGE, total: list.data?.total ?? 0, size: 'small', showSizeChanger: false, onChange: setPage, showTotal: (n) => <span data-testid="registrations-total">{t('common.total', { total: n })}</span> }}
        columns={[
          { title: t('party.reg.kindLabel'), dataIndex: 'kind', width: 100, render: (k: RegistrationKind) => <Tag color={k === 'member' ? 'blue' : 'red'}>{t(`party.reg.kindShort.${k}`)}</Tag> },
          {
            title: t('party.reg.who'), render: (_, r) => (
              <Space size={4}>
                <Typography.Link onClick={() => setOpen(r.id)} data-testid={`reg-open-${r.id}`}>{r.kind === 'member' ? r.member?.name : r.org?.name}</Typography.Link>
                {r.member?.mobileMasked && <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>{r.member.mobileMasked}</Typography.Text>}
              </Space>
            ),
          },
          { title: t('party.reg.institution'), width: 150, ellipsis: true, render: (_, r) => r.institution?.name ?? none },
          { title: t('party.reg.community'), width: 120, ellipsis: true, render: (_, r) => r.community.name },
          { title: t('party.reg.registeredOn'), dataIndex: 'registeredOn', width: 110 },
          {
            title: t('party.reg.status'), width: 110, render: (_, r) => (r.active
              ? <Tag color="green">{t('party.reg.active')}</Tag>
              : <Tooltip title={r.deregisterReason}><Tag>{t('party.reg.deregisteredAt', { on: r.deregisteredOn })}</Tag></Tooltip>),
          },
          { title: t('party.reg.posts'), dataIndex: 'posts', width: 64, align: 'right' },
          {
            title: t('party.reg.pledges'), width: 120, render: (_, r) => (
              <Tooltip title={t('party.reg.pledgeCounts', r.pledges)}>
                <span>{r.pledges.kept}/{r.pledges.total}{r.pledges.missed > 0 && <Tag color="red" style={{ marginLeft: 6 }}>{t('party.reg.missedN', { n: r.pledges.missed })}</Tag>}</span>
              </Tooltip>
            ),
          },
          { title: t('party.reg.serviceHours'), dataIndex: 'serviceHours', width: 96, align: 'right' },
          { title: t('common.actions'), width: 76, render: (_, r) => <Button type="link" size="small" onClick={() => setOpen(r.id)}>{t('party.common.view')}</Button> },
        ]}
      />
      <RegistrationDrawer id={open} onClose={() => setOpen(null)} onChanged={() => setTick((n) => n + 1)} />
      {registering && <RegisterModal regionId={rf.regionId} onClose={() => setRegistering(false)} onDone={(r) => { setRegistering(false); setTick((n) => n + 1); setOpen(r.id); }} />}
    </>
  );
}
