// 出租屋: leases with region / lease-ending / ended filters; detail drawer, 登记出租, 结束租赁, 打印门牌.
import { PrinterOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Form, Input, Modal, Select, Switch, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Occupancy, RentalView } from '../../api/types';
import { errorMessage, useApi } from '../../api/useApi';
import { useAuth } from '../../auth/AuthContext';
import { RegionPicker } from '../../regions/RegionPicker';
import { ErrorResult } from '../../shell/ErrorResult';
import { housingApi } from './api';
import { useCareGroupNames } from './careGroups';
import { FilterBar, Labeled, ListActions, OCCUPANCY_KEYS, pagination, useListQuery } from './common';
import { openPosting, RentalDrawer } from './RentalDrawer';
import { RentalFormModal } from './RentalFormModal';

type Filters = { regionId?: number; leaseEndingWithinDays?: number; includeEnded?: boolean; q?: string };

function EndModal({ rental, onClose, onDone }: { rental: RentalView; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ endedOn: Dayjs; occupancy: Occupancy }>();
  const [busy, setBusy] = useState(false);
  const ok = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await housingApi.endRental(rental.id, v.endedOn.format('YYYY-MM-DD'), rental.version, v.occupancy);
      message.success(t('common.success'));
      onDone();
    } catch (e) { message.error(errorMessage(e)); } finally { setBusy(false); }
  };
  return (
    <Modal open title={`${t('housing.endRental')} · ${rental.address}`} onCancel={onClose} onOk={() => void ok()} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ endedOn: dayjs(), occupancy: 'vacant' }} data-testid="rental-end-modal">
        <Form.Item name="endedOn" label={t('housing.endedOn')} rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="occupancy" label={t('housing.occupancyAfter')}>
          <Select options={OCCUPANCY_KEYS.filter((o) => o !== 'rental').map((o) => ({ value: o, label: t(`housing.occupancy.${o}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function RentalsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const tagName = useCareGroupNames();
  const l = useListQuery<Filters>({});
  const [open, setOpen] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const [ending, setEnding] = useState<RentalView | null>(null);
  const list = useApi(() => housingApi.rentals({ ...l.filters, ...l.paging }), [l.filters, l.page, l.pageSize]);
  if (list.error && list.error.status !== 400) return <ErrorResult error={list.error} onRetry={list.reload} />;
  const soon = (r: RentalView) => r.active && r.leaseEnd && dayjs(r.leaseEnd).diff(dayjs(), 'day') <= 30;

  return (
    <Card size="small" title={t('housing.rentals')} extra={<ListActions entity="rental" filters={l.filters} canWrite={can('registry.write')} onCreate={() => setCreating(true)} createLabel={t('housing.rentalCreate')} onImported={list.reload} />}>
      <FilterBar>
        <Labeled label={t('housing.region')}><RegionPicker value={l.filters.regionId} onChange={(v) => l.set({ regionId: v ?? undefined })} style={{ width: 220 }} testId="rental-filter-region" /></Labeled>
        <Labeled label={t('housing.leaseEnding')}>
          <Select allowClear style={{ width: 140 }} placeholder={t('common.all')} value={l.filters.leaseEndingWithinDays} onChange={(v?: number) => l.set({ leaseEndingWithinDays: v })}
            options={[30, 60, 90].map((n) => ({ value: n, label: t('housing.withinDays', { n }) }))} data-testid="rental-filter-ending" />
        </Labeled>
        <Labeled label={t('housing.includeEnded')}><Switch checked={!!l.filters.includeEnded} onChange={(v) => l.set({ includeEnded: v || undefined })} /></Labeled>
        <Input.Search allowClear placeholder={t('housing.rentalQuery')} style={{ width: 240 }} onSearch={(v) => l.set({ q: v.trim() || undefined })} data-testid="rental-query" />
      </FilterBar>
      <Table<RentalView>
        size="small" rowKey="id" bordered loading={list.loading} dataSource={list.data?.items ?? []} data-testid="rentals-table"
        pagination={pagination(t, l, list.data?.total)}
        columns={[
          { title: t('housing.address'), dataIndex: 'address', render: (v: string, r) => <a onClick={() => setOpen(r.id)} data-testid={`rental-open-${r.id}`}>{v}</a> },
          { title: t('housing.landlord'), dataIndex: 'landlordName', width: 100 },
          { title: t('housing.landlordMobile'), dataIndex: 'landlordMobileMasked', width: 120, render: (v: string | null) => v ?? t('common.none') },
          { title: t('housing.leasePeriod'), width: 200, render: (_, r) => <span style={{ color: soon(r) ? '#d4380d' : undefined }}>{r.leaseStart ?? '…'} ~ {r.leaseEnd ?? '…'}</span> },
          { title: t('housing.purpose'), dataIndex: 'purpose', width: 90, render: (v: string) => t(`housing.rentalPurpose.${v}`) },
          { title: t('housing.monthlyRent'), dataIndex: 'monthlyRent', width: 90, align: 'right', render: (v: number | null) => (v != null ? v : t('common.none')) },
          { title: t('common.status'), width: 100, render: (_, r) => (r.active ? (soon(r) ? <Tag color="warning">{t('housing.endingSoon')}</Tag> : <Tag color="processing">{t('housing.rentalActive')}</Tag>) : <Tag>{t('housing.rentalEnded')}</Tag>) },
          {
            title: t('common.actions'), width: 250, render: (_, r) => (
              <>
                <Button type="link" size="small" onClick={() => setOpen(r.id)}>{t('housing.detail')}</Button>
                <Button type="link" size="small" icon={<PrinterOutlined />} onClick={() => openPosting(r.postingCode)} data-testid={`rental-print-${r.id}`}>{t('housing.printSign')}</Button>
                {r.active && can('registry.write') && <Button type="link" size="small" danger onClick={() => setEnding(r)} data-testid={`rental-end-${r.id}`}>{t('housing.endRental')}</Button>}
              </>
            ),
          },
        ]}
      />
      <RentalDrawer id={open} onClose={() => setOpen(null)} tagName={tagName} />
      {creating && <RentalFormModal onClose={() => setCreating(false)} onDone={() => { setCreating(false); list.reload(); }} />}
      {ending && <EndModal rental={ending} onClose={() => setEnding(null)} onDone={() => { setEnding(null); list.reload(); }} />}
    </Card>
  );
}
