// 人员与岗位 (/workforce/workers): the people of the workforce with the positions they hold
// (search, create, assign and end positions), and the stationed teams (驻村/驻社区团队).
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useApi } from '../api/useApi';
import { useAuth } from '../auth/AuthContext';
import { ErrorResult } from '../shell/ErrorResult';
import { workersApi, type WorkerView } from './api';
import { Field, PositionTag, ScopePicker, type RegionChoice } from './common';
import { KINDS } from './PositionFormModal';
import StationedTeams from './StationedTeams';
import WorkerDrawer from './WorkerDrawer';
import WorkerFormModal from './WorkerFormModal';

const PAGE = 20;

function WorkersTab() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [region, setRegion] = useState<RegionChoice | null>(null);
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const list = useApi(() => workersApi.list({ regionId: region?.id, q: query, kind, limit: PAGE, offset: (page - 1) * PAGE }), [region?.id, query, kind, page]);

  const columns: ColumnsType<WorkerView> = [
    { key: 'name', title: t('workforce.workers.name'), width: 120, render: (_, w) => <Typography.Link onClick={() => setOpen(w.id)} data-testid="worker-name">{w.name}</Typography.Link> },
    { key: 'mobile', title: t('workforce.workers.mobile'), width: 130, render: (_, w) => w.mobileMasked ?? t('workforce.common.none') },
    { key: 'region', title: t('workforce.workers.region'), width: 140, render: (_, w) => w.region.name },
    {
      key: 'positions', title: t('workforce.workers.positions'),
      render: (_, w) => {
        const current = w.positions.filter((p) => !p.endOn);
        return current.length
          ? <Space size={[0, 4]} wrap>{current.map((p) => <PositionTag key={p.id} p={p} />)}</Space>
          : <Tag color="default">{t('workforce.workers.noPosition')}</Tag>;
      },
    },
    {
      key: 'unit', title: t('workforce.workers.sendingUnit'), width: 180,
      render: (_, w) => (w.sendingUnitKind || w.sendingUnit
        ? <span>{w.sendingUnitKind ? <Tag>{t(`workforce.sendingUnitKind.${w.sendingUnitKind}`)}</Tag> : null}{w.sendingUnit}</span>
        : t('workforce.common.none')),
    },
    { key: 'user', title: t('workforce.workers.user'), width: 110, render: (_, w) => w.user?.username ?? t('workforce.common.none') },
  ];

  if (list.error?.status === 403 && list.error.code === 'PERMISSION_DENIED') return <ErrorResult error={list.error} onRetry={list.reload} />;
  return (
    <>
      <Space wrap size={[16, 8]} style={{ marginBottom: 12, width: '100%' }}>
        <Field label={t('workforce.common.region')}><ScopePicker value={region} onChange={(r) => { setRegion(r); setPage(1); }} testId="workers-region" /></Field>
        <Field label={t('workforce.positions.kind')}>
          <Select
            allowClear value={kind} onChange={(k) => { setKind(k); setPage(1); }} style={{ width: 170 }} placeholder={t('workforce.common.all')} data-testid="workers-kind"
            options={KINDS.map((k) => ({ value: k, label: t(`workforce.kind.${k}`) }))}
          />
        </Field>
        <Input.Search
          value={q} onChange={(e) => setQ(e.target.value)} onSearch={(v) => { setQuery(v.trim()); setPage(1); }} allowClear
          placeholder={t('workforce.workers.searchPlaceholder')} style={{ width: 260 }} data-testid="workers-search"
        />
        {can('workforce.write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="worker-create">{t('workforce.workers.create')}</Button>}
      </Space>
      {list.error && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
      <Table<WorkerView>
        rowKey="id" size="middle" columns={columns} dataSource={list.data?.items ?? []} loading={list.loading} scroll={{ x: 1000 }}
        onRow={(w) => ({ 'data-testid': 'worker-row', 'data-id': w.id } as React.HTMLAttributes<HTMLElement>)}
        pagination={{ current: page, pageSize: PAGE, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (n) => t('common.total', { total: n }) }}
      />
      <WorkerDrawer workerId={open} onClose={() => setOpen(null)} onChanged={list.reload} />
      <WorkerFormModal open={creating} onClose={() => setCreating(false)} onSaved={(w) => { setCreating(false); list.reload(); setOpen(w.id); }} />
    </>
  );
}

export default function WorkersPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'teams' ? 'teams' : 'workers';
  return (
    <Card title={t('workforce.workers.title')} data-testid="workers-page">
      <Tabs
        activeKey={tab} onChange={(k) => setParams(k === 'workers' ? {} : { tab: k }, { replace: true })}
        items={[
          { key: 'workers', label: <span data-testid="workers-tab-workers">{t('workforce.workers.tabWorkers')}</span>, children: <WorkersTab /> },
          { key: 'teams', label: <span data-testid="workers-tab-teams">{t('workforce.workers.tabTeams')}</span>, children: <StationedTeams /> },
        ]}
      />
    </Card>
  );
}
