// 楼栋: list with region / estate / search filters; a row opens the building page (楼盘表).
import { Button, Card, Input, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { BuildingView } from '../../api/types';
import { useApi } from '../../api/useApi';
import { useAuth } from '../../auth/AuthContext';
import { RegionPicker } from '../../regions/RegionPicker';
import { ErrorResult } from '../../shell/ErrorResult';
import { housingApi } from './api';
import { BuildingFormModal, EstateSelect } from './BuildingFormModal';
import { FilterBar, Labeled, ListActions, pagination, useListQuery } from './common';

type Filters = { regionId?: number; estateId?: number; q?: string };

export default function BuildingsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const l = useListQuery<Filters>({});
  const [editing, setEditing] = useState<BuildingView | 'new' | null>(null);
  const list = useApi(() => housingApi.buildings({ ...l.filters, ...l.paging }), [l.filters, l.page, l.pageSize]);
  if (list.error && list.error.status !== 400) return <ErrorResult error={list.error} onRetry={list.reload} />;

  return (
    <Card size="small" title={t('housing.buildings')} extra={<ListActions entity="building" filters={l.filters} canWrite={can('registry.write')} onCreate={() => setEditing('new')} createLabel={t('housing.buildingCreate')} onImported={list.reload} />}>
      <FilterBar>
        <Labeled label={t('housing.region')}><RegionPicker value={l.filters.regionId} onChange={(v) => l.set({ regionId: v ?? undefined })} style={{ width: 220 }} testId="building-filter-region" /></Labeled>
        <Labeled label={t('housing.estate')}><div style={{ width: 200 }}><EstateSelect value={l.filters.estateId} onChange={(v) => l.set({ estateId: v ?? undefined })} testId="building-filter-estate" placeholder={t('common.all')} /></div></Labeled>
        <Input.Search allowClear placeholder={t('housing.buildingQuery')} style={{ width: 240 }} onSearch={(v) => l.set({ q: v.trim() || undefined })} data-testid="building-query" />
      </FilterBar>
      <Table<BuildingView>
        size="small" rowKey="id" bordered loading={list.loading} dataSource={list.data?.items ?? []} data-testid="buildings-table"
        pagination={pagination(t, l, list.data?.total)}
        columns={[
          { title: t('housing.buildingNumber'), dataIndex: 'number', width: 120, render: (v: string, b) => <Link to={`/buildings/${b.id}`} data-testid={`building-link-${b.id}`}>{v}</Link> },
          { title: t('housing.estate'), dataIndex: 'estateName', width: 180, render: (v: string | null, b) => (v && b.estateId ? <Link to={`/estates/${b.estateId}`}>{v}</Link> : <Tag>{t('housing.noEstate')}</Tag>) },
          { title: t('housing.address'), dataIndex: 'address', ellipsis: true },
          { title: t('housing.floors'), width: 90, render: (_, b) => (b.basementFloors ? `${b.floors} / -${b.basementFloors}` : b.floors) },
          { title: t('housing.units'), dataIndex: 'unitCount', width: 70 },
          { title: t('housing.use'), dataIndex: 'use', width: 90, render: (v: string) => t(`housing.buildingUse.${v}`) },
          { title: t('housing.builtYear'), dataIndex: 'builtYear', width: 80, render: (v: number | null) => v ?? t('common.none') },
          {
            title: t('common.actions'), width: 130, render: (_, b) => (
              <>
                <Link to={`/buildings/${b.id}`}><Button type="link" size="small">{t('housing.floorPlan')}</Button></Link>
                {can('registry.write') && <Button type="link" size="small" onClick={() => setEditing(b)}>{t('common.edit')}</Button>}
              </>
            ),
          },
        ]}
      />
      {editing && <BuildingFormModal building={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onDone={() => { setEditing(null); list.reload(); }} />}
    </Card>
  );
}
