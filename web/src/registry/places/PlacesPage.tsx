// 场所: shops, enterprises, schools, hospitals… with region / kind / status filters; create and edit.
import { Button, Card, Form, Input, InputNumber, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PLACE_KINDS, PLACE_STATUSES, type PlaceView } from '../../api/types';
import { useApi } from '../../api/useApi';
import { useAuth } from '../../auth/AuthContext';
import { ActionModal } from '../../regions/ActionModal';
import { RegionPicker } from '../../regions/RegionPicker';
import { ErrorResult } from '../../shell/ErrorResult';
import { FilterBar, Labeled, ListActions, pagination, useListQuery } from '../housing/common';
import { placesApi } from './api';

type Filters = { regionId?: number; kind?: string; status?: string; q?: string };
const kindOptions = Object.entries(PLACE_KINDS).map(([value, label]) => ({ value, label }));
const statusOptions = Object.entries(PLACE_STATUSES).map(([value, label]) => ({ value, label }));

function PlaceFormModal({ place, onClose, onDone }: { place: PlaceView | null; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const submit = async () => {
    const v = await form.validateFields();
    const body = {
      regionId: v.regionId ?? null, name: v.name.trim(), kind: v.kind, address: v.address?.trim() ?? '', creditCode: v.creditCode?.trim() || null,
      contactName: v.contactName?.trim() || null, employees: v.employees ?? null, lng: v.lng ?? null, lat: v.lat ?? null, status: v.status,
      // A masked mobile comes back from the server: only send one the user typed.
      ...(v.contactMobile && !v.contactMobile.includes('*') ? { contactMobile: v.contactMobile.trim() } : {}),
    };
    if (place) await placesApi.updatePlace(place.id, place.version, body); else await placesApi.createPlace(body);
    onDone();
  };
  const g = { display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 12 } as const;
  return (
    <ActionModal title={place ? `${t('common.edit')} · ${place.name}` : t('places.placeCreate')} open onClose={onClose} onOk={submit} width={620} testId="place-form-modal">
      <Form form={form} layout="vertical" preserve={false} initialValues={place ? { ...place, regionId: place.region.id } : { kind: 'shop', status: 'normal' }}>
        <div style={g}>
          <Form.Item name="name" label={t('places.placeName')} rules={[{ required: true, whitespace: true, message: t('housing.required') }]}><Input maxLength={200} data-testid="place-form-name" /></Form.Item>
          <Form.Item name="kind" label={t('places.kind')}><Select options={kindOptions} /></Form.Item>
          <Form.Item name="regionId" label={t('housing.regionGrid')} extra={t('places.regionOrPoint')}><RegionPicker initial={place ? place.region : null} /></Form.Item>
          <Form.Item name="status" label={t('common.status')}><Select options={statusOptions} /></Form.Item>
        </div>
        <Form.Item name="address" label={t('housing.address')}><Input maxLength={300} /></Form.Item>
        <div style={g}>
          <Form.Item name="creditCode" label={t('places.creditCode')}><Input maxLength={18} /></Form.Item>
          <Form.Item name="employees" label={t('places.employees')}><InputNumber min={0} style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="contactName" label={t('places.contact')}><Input maxLength={50} /></Form.Item>
          <Form.Item name="contactMobile" label={t('places.contactMobile')}><Input maxLength={11} /></Form.Item>
          <Form.Item name="lng" label={t('housing.lng')}><InputNumber min={-180} max={180} step={0.0001} style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="lat" label={t('housing.lat')}><InputNumber min={-90} max={90} step={0.0001} style={{ width: '100%' }} /></Form.Item>
        </div>
      </Form>
    </ActionModal>
  );
}

export default function PlacesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const l = useListQuery<Filters>({});
  const [editing, setEditing] = useState<PlaceView | 'new' | null>(null);
  const list = useApi(() => placesApi.places({ ...l.filters, ...l.paging }), [l.filters, l.page, l.pageSize]);
  if (list.error && list.error.status !== 400) return <ErrorResult error={list.error} onRetry={list.reload} />;
  return (
    <Card size="small" title={t('places.places')} extra={<ListActions entity="place" filters={l.filters} canWrite={can('registry.write')} onCreate={() => setEditing('new')} createLabel={t('places.placeCreate')} onImported={list.reload} />}>
      <FilterBar>
        <Labeled label={t('housing.region')}><RegionPicker value={l.filters.regionId} onChange={(v) => l.set({ regionId: v ?? undefined })} style={{ width: 220 }} /></Labeled>
        <Labeled label={t('places.kind')}><Select allowClear style={{ width: 120 }} placeholder={t('common.all')} value={l.filters.kind} onChange={(v?: string) => l.set({ kind: v })} options={kindOptions} data-testid="place-filter-kind" /></Labeled>
        <Labeled label={t('common.status')}><Select allowClear style={{ width: 100 }} placeholder={t('common.all')} value={l.filters.status} onChange={(v?: string) => l.set({ status: v })} options={statusOptions} /></Labeled>
        <Input.Search allowClear placeholder={t('places.placeQuery')} style={{ width: 240 }} onSearch={(v) => l.set({ q: v.trim() || undefined })} />
      </FilterBar>
      <Table<PlaceView>
        size="small" rowKey="id" bordered loading={list.loading} dataSource={list.data?.items ?? []} data-testid="places-table"
        pagination={pagination(t, l, list.data?.total)}
        columns={[
          { title: t('places.placeName'), dataIndex: 'name' },
          { title: t('places.kind'), dataIndex: 'kindLabel', width: 90, render: (v: string) => <Tag>{v}</Tag> },
          { title: t('housing.address'), dataIndex: 'address', ellipsis: true },
          { title: t('housing.grid'), width: 130, render: (_, p) => p.region.name },
          { title: t('places.contact'), dataIndex: 'contactName', width: 90, render: (v: string | null) => v ?? t('common.none') },
          { title: t('places.contactMobile'), dataIndex: 'contactMobile', width: 120, render: (v: string | null) => v ?? t('common.none') },
          { title: t('places.employees'), dataIndex: 'employees', width: 80, align: 'right', render: (v: number | null) => v ?? t('common.none') },
          { title: t('common.status'), dataIndex: 'status', width: 70, render: (v: string) => <Tag color={v === 'normal' ? 'success' : 'default'}>{PLACE_STATUSES[v as keyof typeof PLACE_STATUSES]}</Tag> },
          { title: t('common.actions'), width: 70, render: (_, p) => can('registry.write') && <Button type="link" size="small" onClick={() => setEditing(p)}>{t('common.edit')}</Button> },
        ]}
      />
      {editing && <PlaceFormModal place={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onDone={() => { setEditing(null); list.reload(); }} />}
    </Card>
  );
}
