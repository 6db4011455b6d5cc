// Create or edit a 小区. The 三无 flag is not entered: it follows from no property company, no
// security and no enclosure, and the form shows it as the user fills those in.
import { Alert, Form, Input, InputNumber, Radio, Select, Space, Switch, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EstateView } from '../../api/types';
import { useApi } from '../../api/useApi';
import { ActionModal } from '../../regions/ActionModal';
import { RegionPicker } from '../../regions/RegionPicker';
import { housingApi } from './api';

interface Values {
  regionId: number; name: string; address?: string; propertyCompanyId?: number | null; hasSecurity: boolean; hasEnclosure: boolean;
  age: string; builtYear?: number | null; lng?: number | null; lat?: number | null;
}

export function EstateFormModal({ estate, onClose, onDone }: { estate: EstateView | null; onClose: () => void; onDone: (e: EstateView) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const companies = useApi(() => housingApi.propertyCompanies(), []);
  const pc = Form.useWatch('propertyCompanyId', form);
  const sec = Form.useWatch('hasSecurity', form);
  const enc = Form.useWatch('hasEnclosure', form);
  const unmanaged = !pc && !sec && !enc;
  const initial: Partial<Values> = estate
    ? { regionId: estate.regionId, name: estate.name, address: estate.address, propertyCompanyId: estate.propertyCompany?.id ?? null, hasSecurity: estate.hasSecurity, hasEnclosure: estate.hasEnclosure, age: estate.age, builtYear: estate.builtYear, lng: estate.geometry?.type === 'Point' ? estate.lng : null, lat: estate.geometry?.type === 'Point' ? estate.lat : null }
    : { hasSecurity: false, hasEnclosure: false, age: 'new', propertyCompanyId: null };

  const submit = async () => {
    const v = await form.validateFields();
    const point = v.lng != null && v.lat != null ? { type: 'Point' as const, coordinates: [v.lng, v.lat] } : undefined;
    const body = {
      regionId: v.regionId, name: v.name.trim(), address: v.address?.trim() ?? '', propertyCompanyId: v.propertyCompanyId ?? null,
      hasSecurity: v.hasSecurity, hasEnclosure: v.hasEnclosure, age: v.age, builtYear: v.builtYear ?? null,
      // Keep a drawn boundary when the point is left empty.
      ...(point ? { geometry: point } : estate?.geometry?.type === 'Polygon' ? {} : { geometry: null }),
    };
    onDone(estate ? await housingApi.updateEstate(estate.id, estate.version, body) : await housingApi.createEstate(body));
  };

  const companyOptions = (companies.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));
  if (estate?.propertyCompany && !companyOptions.some((o) => o.value === estate.propertyCompany!.id)) companyOptions.unshift({ value: estate.propertyCompany.id, label: estate.propertyCompany.name });

  return (
    <ActionModal title={estate ? `${t('common.edit')} · ${estate.name}` : t('housing.estateCreate')} open onClose={onClose} onOk={submit} width={600} testId="estate-form-modal">
      <Form form={form} layout="vertical" initialValues={initial} preserve={false} size="middle">
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 12 }}>
          <Form.Item name="regionId" label={t('housing.regionCommunityOrGrid')} rules={[{ required: true, message: t('housing.required') }]}>
            <RegionPicker initial={estate ? { id: estate.regionId, name: t('housing.currentRegion') } : null} allowClear={false} testId="estate-form-region" />
          </Form.Item>
          <Form.Item name="name" label={t('housing.estateName')} rules={[{ required: true, whitespace: true, message: t('housing.required') }]}>
            <Input maxLength={100} data-testid="estate-form-name" />
          </Form.Item>
        </div>
        <Form.Item name="address" label={t('housing.address')}><Input maxLength={200} /></Form.Item>
        <Form.Item name="propertyCompanyId" label={t('housing.propertyCompany')}>
          <Select allowClear loading={companies.loading} options={companyOptions} placeholder={t('housing.noProperty')} showSearch={{ optionFilterProp: 'label' }} data-testid="estate-form-company" />
        </Form.Item>
        <Space size={32} align="start">
          <Form.Item name="hasSecurity" label={t('housing.security')} valuePropName="checked"><Switch /></Form.Item>
          <Form.Item name="hasEnclosure" label={t('housing.enclosure')} valuePropName="checked"><Switch /></Form.Item>
          <Form.Item label={t('housing.managed')}>
            <span data-testid="estate-form-unmanaged">{unmanaged ? <Tag color="error">{t('housing.unmanaged')}</Tag> : <Tag color="success">{t('housing.managedYes')}</Tag>}</span>
          </Form.Item>
        </Space>
        <Space size={24} align="start">
          <Form.Item name="age" label={t('housing.age')}>
            <Radio.Group optionType="button" style={{ display: 'flex' }} options={['old', 'new'].map((a) => ({ value: a, label: t(`housing.ageValue.${a}`) }))} />
          </Form.Item>
          <Form.Item name="builtYear" label={t('housing.builtYear')}><InputNumber min={1800} max={2100} style={{ width: 110 }} /></Form.Item>
          <Form.Item name="lng" label={t('housing.lng')}><InputNumber min={-180} max={180} step={0.0001} style={{ width: 130 }} /></Form.Item>
          <Form.Item name="lat" label={t('housing.lat')}><InputNumber min={-90} max={90} step={0.0001} style={{ width: 120 }} /></Form.Item>
        </Space>
        {unmanaged && <Alert type="warning" showIcon title={t('housing.unmanagedHint')} />}
      </Form>
    </ActionModal>
  );
}
