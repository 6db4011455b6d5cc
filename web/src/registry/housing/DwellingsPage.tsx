// 房屋: all dwellings with region / occupancy / search filters; a row opens the dwelling drawer.
import { Card, Input, Select, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { DwellingView, Occupancy } from '../../api/types';
import { useApi } from '../../api/useApi';
import { useAuth } from '../../auth/AuthContext';
import { RegionPicker } from '../../regions/RegionPicker';
import { ErrorResult } from '../../shell/ErrorResult';
import { housingApi } from './api';
import { useCareGroupNames } from './careGroups';
import { FilterBar, Labeled, ListActions, OCCUPANCY_KEYS, OccupancyTag, pagination, useListQuery } from './common';
import { DwellingDrawer } from './DwellingDrawer';

type Filters = { regionId?: number; occupancy?: Occupancy; q?: string };

export default function DwellingsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const tagName = useCareGroupNames();
  const l = useListQuery<Filters>({});
  const [open, setOpen] = useState<number | null>(null);
  const list = useApi(() => housingApi.dwellings({ ...l.filters, ...l.paging }), [l.filters, l.page, l.pageSize]);
  if (list.error && list.error.status !== 400) return <ErrorResult error={list.error} onRetry={list.reload} />;

  return (
    <Card size="small" title={t('housing.dwellings')} extra={<ListActions entity="dwelling" filters={l.filters} canWrite={can('registry.write')} onImported={list.reload} />}>
      <FilterBar>
        <Labeled label={t('housing.region')}><RegionPicker value={l.filters.regionId} onChange={(v) => l.set({ regionId: v ?? undefined })} style={{ width: 220 }} testId="dwelling-filter-region" /></Labeled>
        <Labeled label={t('housing.occupancyLabel')}>
          <Select allowClear style={{ width: 120 }} placeholder={t('common.all')} value={l.filters.occupancy} onChange={(v?: Occupancy) => l.set({ occupancy: v })}
            options={OCCUPANCY_KEYS.map((o) => ({ value: o, label: t(`housing.occupancy.${o}`) }))} data-testid="dwelling-filter-occupancy" />
        </Labeled>
        <Input.Search allowClear placeholder={t('housing.dwellingQuery')} style={{ width: 260 }} onSearch={(v) => l.set({ q: v.trim() || undefined })} data-testid="dwelling-query" />
      </FilterBar>
      <Table<DwellingView>
        size="small" rowKey="id" bordered loading={list.loading} dataSource={list.data?.items ?? []} data-testid="dwellings-table"
        pagination={pagination(t, l, list.data?.total)}
        columns={[
          { title: t('housing.address'), dataIndex: 'address', render: (v: string, d) => <a onClick={() => setOpen(d.id)} data-testid={`dwelling-open-${d.id}`}>{v}</a> },
          { title: t('housing.building'), width: 160, render: (_, d) => <Link to={`/buildings/${d.buildingId}`}>{d.estateName ? `${d.estateName} ` : ''}{d.buildingNumber}</Link> },
          { title: t('housing.unit'), dataIndex: 'unitNumber', width: 60 },
          { title: t('housing.floor'), dataIndex: 'floor', width: 60 },
          { title: t('housing.room'), dataIndex: 'number', width: 70 },
          { title: t('housing.area'), dataIndex: 'area', width: 80, align: 'right', render: (v: number | null) => (v != null ? `${v}㎡` : t('common.none')) },
          { title: t('housing.use'), dataIndex: 'use', width: 80, render: (v: string) => t(`housing.dwellingUse.${v}`) },
          { title: t('housing.occupancyLabel'), dataIndex: 'occupancy', width: 90, render: (v: Occupancy) => <OccupancyTag value={v} /> },
        ]}
      />
      <DwellingDrawer id={open} onClose={() => setOpen(null)} onChanged={list.reload} tagName={tagName} />
    </Card>
  );
}
