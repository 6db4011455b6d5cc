// One 小区: what it is, its counts, its buildings.
import { Breadcrumb, Button, Card, Descriptions, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { BuildingView } from '../../api/types';
import { useApi } from '../../api/useApi';
import { useAuth } from '../../auth/AuthContext';
import { ErrorResult } from '../../shell/ErrorResult';
import { housingApi } from './api';
import { BuildingFormModal } from './BuildingFormModal';
import { OCCUPANCY_KEYS, OccupancyTag } from './common';
import { EstateFormModal } from './EstateFormModal';

export default function EstatePage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const { can } = useAuth();
  const detail = useApi(() => housingApi.estate(id), [id]);
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const e = detail.data;
  if (detail.error) return <ErrorResult error={detail.error} onRetry={detail.reload} />;
  if (!e || e.id !== id) return <Card><Skeleton active /></Card>;

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small">
        <Breadcrumb items={[{ title: <Link to="/estates">{t('housing.estates')}</Link> }, ...(e.region ? [{ title: <Link to={`/regions/${e.region.id}`}>{e.region.name}</Link> }] : []), { title: e.name }]} />
        <Space style={{ marginTop: 8, width: '100%', justifyContent: 'space-between' }} wrap>
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="estate-title">{e.name}</Typography.Title>
            {e.unmanaged ? <Tag color="error">{t('housing.unmanaged')}</Tag> : <Tag color="success">{t('housing.managedYes')}</Tag>}
            <Tag color={e.age === 'old' ? 'orange' : 'blue'}>{t(`housing.ageValue.${e.age}`)}</Tag>
            {e.archived && <Tag>{t('region.archived')}</Tag>}
          </Space>
          {can('registry.write') && (
            <Space>
              <Button onClick={() => setAdding(true)} data-testid="estate-add-building">{t('housing.buildingCreate')}</Button>
              <Button onClick={() => setEditing(true)}>{t('common.edit')}</Button>
            </Space>
          )}
        </Space>
      </Card>
      <Card size="small" title={t('region.info')}>
        <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 3 }} items={[
          { key: 'a', label: t('housing.address'), children: e.address || t('common.none') },
          { key: 'p', label: t('housing.propertyCompany'), children: e.propertyCompany?.name ?? t('housing.noProperty') },
          { key: 'r', label: t('housing.region'), children: e.region?.name ?? t('common.none') },
          { key: 's', label: t('housing.security'), children: e.hasSecurity ? t('common.yes') : t('common.no') },
          { key: 'en', label: t('housing.enclosure'), children: e.hasEnclosure ? t('common.yes') : t('common.no') },
          { key: 'y', label: t('housing.builtYear'), children: e.builtYear ?? t('common.none') },
        ]} />
        <Space size={40} style={{ marginTop: 12 }} wrap>
          <Statistic title={t('housing.buildingCount')} value={e.counts.buildings} />
          <Statistic title={t('housing.dwellingCount')} value={e.counts.dwellings} />
          <Statistic title={t('housing.residentCount')} value={e.counts.residents} />
          {OCCUPANCY_KEYS.map((o) => <Statistic key={o} title={<OccupancyTag value={o} />} value={e.counts.byOccupancy[o] ?? 0} />)}
        </Space>
      </Card>
      <Card size="small" title={t('housing.buildings')}>
        <Table<BuildingView>
          size="small" rowKey="id" bordered dataSource={e.buildings} pagination={false} data-testid="estate-buildings"
          columns={[
            { title: t('housing.buildingNumber'), dataIndex: 'number', render: (v: string, b) => <Link to={`/buildings/${b.id}`}>{v}</Link> },
            { title: t('housing.address'), dataIndex: 'address', ellipsis: true },
            { title: t('housing.floors'), dataIndex: 'floors', width: 80 },
            { title: t('housing.units'), dataIndex: 'unitCount', width: 80 },
            { title: t('housing.use'), dataIndex: 'use', width: 100, render: (v: string) => t(`housing.buildingUse.${v}`) },
          ]}
        />
      </Card>
      {editing && <EstateFormModal estate={e} onClose={() => setEditing(false)} onDone={() => { setEditing(false); detail.reload(); }} />}
      {adding && <BuildingFormModal building={null} defaults={{ estateId: e.id, estateName: e.name, regionId: e.regionId }} onClose={() => setAdding(false)} onDone={() => { setAdding(false); detail.reload(); }} />}
    </Space>
  );
}
