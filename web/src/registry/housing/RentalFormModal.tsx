// 登记出租: a lease on one dwelling (landlord, dates, rent, purpose); the posting code for the
// door sign is made by the server.
import { DatePicker, Form, Input, InputNumber, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RENTAL_PURPOSES, type RentalView } from '../../api/types';
import { useApi } from '../../api/useApi';
import { ActionModal } from '../../regions/ActionModal';
import { housingApi } from './api';

interface Values { dwellingId: number; landlordName: string; landlordMobile?: string; lease?: [Dayjs | null, Dayjs | null] | null; monthlyRent?: number | null; purpose: string }

function DwellingSelect({ value, onChange }: { value?: number; onChange?: (v: number) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const hits = useApi(() => housingApi.dwellings({ q: q || undefined, limit: 20 }), [q]);
  return (
    <Select value={value} onChange={onChange} showSearch={{ filterOption: false, onSearch: setQ }} loading={hits.loading} placeholder={t('housing.dwellingSearch')}
      options={(hits.data?.items ?? []).map((d) => ({ value: d.id, label: d.address }))} data-testid="rental-form-dwelling" />
  );
}

export function RentalFormModal({ dwelling, onClose, onDone }: { dwelling?: { id: number; address: string }; onClose: () => void; onDone: (r: RentalView) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const submit = async () => {
    const v = await form.validateFields();
    const [s, e] = v.lease ?? [null, null];
    onDone(await housingApi.createRental({
      dwellingId: v.dwellingId, landlordName: v.landlordName.trim(), landlordMobile: v.landlordMobile?.trim() || null,
      leaseStart: s ? s.format('YYYY-MM-DD') : null, leaseEnd: e ? e.format('YYYY-MM-DD') : null, monthlyRent: v.monthlyRent ?? null, purpose: v.purpose,
    }));
  };
  return (
    <ActionModal title={dwelling ? `${t('housing.rentalCreate')} · ${dwelling.address}` : t('housing.rentalCreate')} open onClose={onClose} onOk={submit} width={560} testId="rental-form-modal">
      <Form form={form} layout="vertical" preserve={false} initialValues={{ dwellingId: dwelling?.id, purpose: 'residential' }}>
        {!dwelling && (
          <Form.Item name="dwellingId" label={t('housing.dwelling')} rules={[{ required: true, message: t('housing.required') }]}><DwellingSelect /></Form.Item>
        )}
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 12 }}>
          <Form.Item name="landlordName" label={t('housing.landlord')} rules={[{ required: true, whitespace: true, message: t('housing.required') }]}><Input maxLength={50} data-testid="rental-form-landlord" /></Form.Item>
          <Form.Item name="landlordMobile" label={t('housing.landlordMobile')} rules={[{ pattern: /^1[3-9]\d{9}$/, message: t('housing.badMobile') }]}><Input maxLength={11} data-testid="rental-form-mobile" /></Form.Item>
        </div>
        <Form.Item name="lease" label={t('housing.leasePeriod')}><DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} data-testid="rental-form-lease" /></Form.Item>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 12 }}>
          <Form.Item name="monthlyRent" label={t('housing.monthlyRent')}><InputNumber min={0} max={10_000_000} style={{ width: '100%' }} suffix="元" /></Form.Item>
          <Form.Item name="purpose" label={t('housing.purpose')}><Select options={Object.keys(RENTAL_PURPOSES).map((k) => ({ value: k, label: t(`housing.rentalPurpose.${k}`) }))} /></Form.Item>
        </div>
      </Form>
    </ActionModal>
  );
}
