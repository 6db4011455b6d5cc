// 部件: city parts by category code, with a table and a small map of the filtered points.
import { Button, Card, Col, Form, Input, InputNumber, Row, Select, Skeleton, Table, Tag } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { departmentsApi, regionsApi } from '../../api/endpoints';
import { ASSET_CATEGORIES, ASSET_STATUSES, type AssetView } from '../../api/types';
import { useApi } from '../../api/useApi';
import { useAuth } from '../../auth/AuthContext';
import { ActionModal } from '../../regions/ActionModal';
import { RegionPicker } from '../../regions/RegionPicker';
import { ErrorResult } from '../../shell/ErrorResult';
import { FilterBar, Labeled, ListActions, pagination, useListQuery } from '../housing/common';
import { placesApi } from './api';
import { CATEGORY_COLORS } from './assetColors';

const AssetMap = lazy(() => import('./AssetMap'));
type Filters = { regionId?: number; category?: string; status?: string; departmentId?: number };
const categoryOptions = Object.entries(ASSET_CATEGORIES).map(([value, c]) => ({ value, label: `${value} ${c.zh}` }));
const statusOptions = Object.entries(ASSET_STATUSES).map(([value, label]) => ({ value, label }));
/** The map shows up to this many points of the filter (the API's page limit). */
const MAP_LIMIT = 500;

function AssetFormModal({ asset, onClose, onDone }: { asset: AssetView | null; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const depts = useApi(() => departmentsApi.list(), []);
  const submit = async () => {
    const v = await form.validateFields();
    const common = { name: v.name.trim(), lng: v.lng, lat: v.lat, address: v.address?.trim() ?? '', departmentId: v.departmentId ?? null, status: v.status };
    if (asset) await placesApi.updateAsset(asset.id, asset.version, common);
    else await placesApi.createAsset({ ...common, code: v.code?.trim() || null, category: v.category, subcategory: v.subcategory });
    onDone();
  };
  const g = { display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 12 } as const;
  return (
    <ActionModal title={asset ? `${t('common.edit')} · ${asset.name}` : t('places.assetCreate')} open onClose={onClose} onOk={submit} width={620} testId="asset-form-modal">
      <Form form={form} layout="vertical" preserve={false} initialValues={asset ? { ...asset, departmentId: asset.department?.id ?? null } : { category: '01', subcategory: '01', status: 'normal' }}>
        <div style={g}>
          <Form.Item name="name" label={t('places.assetName')} rules={[{ required: true, whitespace: true, message: t('housing.required') }]}><Input maxLength={200} /></Form.Item>
          <Form.Item name="code" label={t('places.assetCode')} extra={asset ? undefined : t('places.assetCodeHint')}><Input maxLength={16} disabled={!!asset} /></Form.Item>
          <Form.Item name="category" label={t('places.category')}><Select disabled={!!asset} options={categoryOptions} /></Form.Item>
          <Form.Item name="subcategory" label={t('places.subcategory')} rules={[{ pattern: /^\d{2}$/, message: t('places.twoDigits') }]}><Input maxLength={2} disabled={!!asset} /></Form.Item>
          <Form.Item name="lng" label={t('housing.lng')} rules={[{ required: true, message: t('housing.required') }]}><InputNumber min={-180} max={180} step={0.0001} style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="lat" label={t('housing.lat')} rules={[{ required: true, message: t('housing.required') }]}><InputNumber min={-90} max={90} step={0.0001} style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="departmentId" label={t('places.department')}><Select allowClear loading={depts.loading} options={(depts.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))} /></Form.Item>
          <Form.Item name="status" label={t('common.status')}><Select options={statusOptions} /></Form.Item>
        </div>
        <Form.Item name="address" label={t('housing.address')}><Input maxLength={300} /></Form.Item>
      </Form>
    </ActionModal>
  );
}

export default function AssetsPage() {
  const { t } = useTranslation();
  const { can, user } = useAuth();
  const l = useListQuery<Filters>({});
  const [editing, setEditing] = useState<AssetView | 'new' | null>(null);
  const list = useApi(() => placesApi.assets({ ...l.filters, ...l.paging }), [l.filters, l.page, l.pageSize]);
  const points = useApi(() => placesApi.assets({ ...l.filters, limit: MAP_LIMIT, offset: 0 }), [l.filters]);
  // Background: the chosen region's children, else the user's own area.
  const outlineId = l.filters.regionId ?? user?.scopeRegion?.id;
  const outlines = useApi(() => (outlineId ? regionsApi.geojson(outlineId, 1) : Promise.resolve(undefined)), [outlineId]);
  if (list.error && list.error.status !== 400) return <ErrorResult error={list.error} onRetry={list.reload} />;
  const depts = [...new Map((list.data?.items ?? []).flatMap((a) => (a.department ? [[a.department.id, a.department] as const] : []))).values()];

  return (
    <Card size="small" title={t('places.assets')} extra={<ListActions entity="asset" filters={l.filters} canWrite={can('registry.write')} onCreate={() => setEditing('new')} createLabel={t('places.assetCreate')} onImported={() => { list.reload(); points.reload(); }} />}>
      <FilterBar>
        <Labeled label={t('housing.region')}><RegionPicker value={l.filters.regionId} onChange={(v) => l.set({ regionId: v ?? undefined })} style={{ width: 220 }} /></Labeled>
        <Labeled label={t('places.category')}><Select allowClear style={{ width: 170 }} placeholder={t('common.all')} value={l.filters.category} onChange={(v?: string) => l.set({ category: v })} options={categoryOptions} data-testid="asset-filter-category" /></Labeled>
        <Labeled label={t('common.status')}><Select allowClear style={{ width: 100 }} placeholder={t('common.all')} value={l.filters.status} onChange={(v?: string) => l.set({ status: v })} options={statusOptions} /></Labeled>
        {depts.length > 0 && <Labeled label={t('places.department')}><Select allowClear style={{ width: 160 }} placeholder={t('common.all')} value={l.filters.departmentId} onChange={(v?: number) => l.set({ departmentId: v })} options={depts.map((d) => ({ value: d.id, label: d.name }))} /></Labeled>}
      </FilterBar>
      <Row gutter={12}>
        <Col xs={24} xl={15}>
          <Table<AssetView>
            size="small" rowKey="id" bordered loading={list.loading} dataSource={list.data?.items ?? []} data-testid="assets-table"
            pagination={pagination(t, l, list.data?.total)}
            columns={[
              { title: t('places.assetCode'), dataIndex: 'code', width: 160, render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
              { title: t('places.assetName'), dataIndex: 'name', width: 120 },
              { title: t('places.category'), width: 130, render: (_, a) => <Tag color={CATEGORY_COLORS[a.category]}>{a.categoryLabel}</Tag> },
              { title: t('housing.region'), width: 110, render: (_, a) => a.region.name },
              { title: t('places.department'), width: 120, render: (_, a) => a.department?.name ?? t('common.none') },
              { title: t('common.status'), dataIndex: 'statusLabel', width: 70, render: (v: string, a) => <Tag color={a.status === 'normal' ? 'success' : a.status === 'damaged' ? 'warning' : 'default'}>{v}</Tag> },
              { title: t('common.actions'), width: 60, render: (_, a) => can('registry.write') && <Button type="link" size="small" onClick={() => setEditing(a)}>{t('common.edit')}</Button> },
            ]}
          />
        </Col>
        <Col xs={24} xl={9}>
          <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 360 }} />}>
            <AssetMap assets={points.data?.items ?? []} regions={outlines.data} />
          </Suspense>
          <div style={{ fontSize: 12, color: '#8c8c8c', marginTop: 4 }}>
            {t('places.mapNote', { n: points.data?.items.length ?? 0, total: points.data?.total ?? 0 })}
          </div>
        </Col>
      </Row>
      {editing && <AssetFormModal asset={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onDone={() => { setEditing(null); list.reload(); points.reload(); }} />}
    </Card>
  );
}
