// One 楼栋: where it is (grid breadcrumb), its facts, and the 楼盘表 with a drawer per dwelling.
import { AppstoreAddOutlined, EditOutlined } from '@ant-design/icons';
import { App, Breadcrumb, Button, Card, Descriptions, Segmented, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { regionsApi } from '../../api/endpoints';
import { useApi } from '../../api/useApi';
import { useAuth } from '../../auth/AuthContext';
import { ErrorResult } from '../../shell/ErrorResult';
import { housingApi } from './api';
import { BuildingFormModal } from './BuildingFormModal';
import { useCareGroupNames } from './careGroups';
import { DwellingDrawer } from './DwellingDrawer';
import { FloorPlan, FloorPlanLegend, type PlanMode } from './FloorPlan';
import { GenerateModal } from './GenerateModal';

export default function BuildingPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const { can } = useAuth();
  const detail = useApi(() => housingApi.building(id), [id]);
  const plan = useApi(() => housingApi.floorPlan(id), [id]);
  const regionId = detail.data?.region?.id;
  const region = useApi(() => (regionId ? regionsApi.get(regionId) : Promise.resolve(undefined)), [regionId]);
  const tagName = useCareGroupNames();
  const [mode, setMode] = useState<PlanMode>('occupancy');
  const [open, setOpen] = useState<number | null>(null);
  const [editing, setEditing] = useState(false);
  const [generating, setGenerating] = useState(false);

  const b = detail.data;
  if (detail.error) return <ErrorResult error={detail.error} onRetry={detail.reload} />;
  if (!b || b.id !== id) return <Card><Skeleton active /></Card>;
  const reload = () => { detail.reload(); plan.reload(); };
  const ancestors = region.data ? [...region.data.ancestors, region.data] : b.region ? [b.region] : [];

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small">
        <Breadcrumb data-testid="building-breadcrumb" items={[
          ...ancestors.map((a) => ({ key: a.id, title: <Link to={`/regions/${a.id}`}>{a.name}</Link> })),
          ...(b.estate ? [{ key: 'e', title: <Link to={`/estates/${b.estate.id}`}>{b.estate.name}</Link> }] : []),
          { key: 'b', title: b.number },
        ]} />
        <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8, marginTop: 8 }}>
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="building-title">{b.estate ? `${b.estate.name} ` : ''}{b.number}</Typography.Title>
            <Tag color="red">{t(`housing.buildingUse.${b.use}`)}</Tag>
            {b.archived && <Tag>{t('region.archived')}</Tag>}
          </Space>
          {can('registry.write') && (
            <Space>
              <Button type="primary" icon={<AppstoreAddOutlined />} onClick={() => setGenerating(true)} data-testid="building-generate">{t('housing.generate')}</Button>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="building-edit">{t('common.edit')}</Button>
            </Space>
          )}
        </div>
        <Descriptions size="small" column={{ xs: 2, md: 4, xl: 6 }} style={{ marginTop: 10 }} data-testid="building-facts" items={[
          { key: 'a', label: t('housing.address'), children: b.address || t('common.none'), span: 2 },
          { key: 'f', label: t('housing.floors'), children: b.basementFloors ? `${b.floors}（${t('housing.basementN', { n: b.basementFloors })}）` : b.floors },
          { key: 'u', label: t('housing.units'), children: b.unitCount },
          { key: 'd', label: t('housing.dwellingCount'), children: b.counts.dwellings },
          { key: 'r', label: t('housing.residentCount'), children: b.counts.residents },
          { key: 'g', label: t('housing.grid'), children: b.region?.name ?? t('common.none') },
          { key: 'e', label: t('housing.estate'), children: b.estate ? <Link to={`/estates/${b.estate.id}`}>{b.estate.name}</Link> : t('housing.noEstate') },
          { key: 'y', label: t('housing.builtYear'), children: b.builtYear ?? t('common.none') },
        ]} />
      </Card>
      <Card
        size="small" title={t('housing.floorPlan')}
        extra={
          <Segmented<PlanMode> value={mode} onChange={setMode} data-testid="floor-plan-mode" options={[
            { value: 'occupancy', label: <span data-testid="mode-occupancy">{t('housing.byOccupancy')}</span> },
            { value: 'tags', label: <span data-testid="mode-tags">{t('housing.byTags')}</span> },
          ]} />
        }
      >
        {plan.error ? <ErrorResult error={plan.error} onRetry={plan.reload} /> : !plan.data ? <Skeleton active /> : (
          <Space orientation="vertical" size={10} style={{ width: '100%' }}>
            <FloorPlanLegend plan={plan.data} mode={mode} />
            <FloorPlan plan={plan.data} mode={mode} tagName={tagName} selectedId={open} onOpen={(c) => setOpen(c.dwellingId)} />
          </Space>
        )}
      </Card>
      <DwellingDrawer id={open} onClose={() => setOpen(null)} onChanged={plan.reload} tagName={tagName} />
      {editing && <BuildingFormModal building={b} onClose={() => setEditing(false)} onDone={() => { setEditing(false); reload(); }} />}
      {generating && (
        <GenerateModal building={b} onClose={() => setGenerating(false)} onDone={(r) => {
          setGenerating(false);
          message.success(t('housing.generated', { created: r.created, skipped: r.skipped }));
          reload();
        }} />
      )}
    </Space>
  );
}
