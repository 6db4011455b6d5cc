// Create or edit a 楼栋: in an estate or directly in a grid / micro-grid.
import { Form, Input, InputNumber, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BUILDING_USES, type BuildingView } from '../../api/types';
import { useApi } from '../../api/useApi';
import { ActionModal } from '../../regions/ActionModal';
import { RegionPicker } from '../../regions/RegionPicker';
import { housingApi } from './api';

interface Values {
  regionId: number; estateId?: number | null; number: string; address?: string; floors: number; basementFloors?: number;
  unitCount: number; use: string; builtYear?: number | null; lng?: number | null; lat?: number | null;
}

/** Picks an estate by name, searching the server. */
export function EstateSelect({ value, onChange, initial, testId, placeholder }: { value?: number | null; onChange?: (v: number | null) => void; initial?: { id: number; name: string } | null; testId?: string; placeholder?: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const hits = useApi(() => housingApi.estates({ q: q || undefined, limit: 20 }), [q]);
  const options = (hits.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }));
  if (initial && !options.some((o) => o.value === initial.id)) options.unshift({ value: initial.id, label: initial.name });
  return (
    <Select allowClear value={value ?? undefined} onChange={(v?: number) => onChange?.(v ?? null)} options={options} loading={hits.loading}
      showSearch={{ filterOption: false, onSearch: setQ }} placeholder={placeholder ?? t('housing.noEstate')} data-testid={testId} style={{ width: '100%' }} />
  );
}

export function BuildingFormModal({ building, defaults, onClose, onDone }: {
  building: BuildingView | null; defaults?: { estateId?: number; estateName?: string; regionId?: number };
  onClose: () => void; onDone: (b: BuildingView) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const initial: Partial<Values> = building
    ? { ...building, estateId: building.estateId }
    : { estateId: defaults?.estateId ?? null, floors: 6, basementFloors: 0, unitCount: 2, use: 'residential' };
  const estateInitial = building?.estateId ? { id: building.estateId, name: building.estateName ?? '' } : defaults?.estateId ? { id: defaults.estateId, name: defaults.estateName ?? '' } : null;

  const submit = async () => {
    const v = await form.validateFields();
    const body = {
      regionId: v.regionId, estateId: v.estateId ?? null, number: v.number.trim(), address: v.address?.trim() ?? '', floors: v.floors,
      basementFloors: v.basementFloors ?? 0, unitCount: v.unitCount, use: v.use, builtYear: v.builtYear ?? null, lng: v.lng ?? null, lat: v.lat ?? null,
    };
    onDone(building ? await housingApi.updateBuilding(building.id, building.version, body) : await housingApi.createBuilding(body));
  };
  const grid2 = { display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 12 } as const;
  const grid4 = { display: 'grid', gridTemplateColumns: 'repeat(4, 1fr)', columnGap: 12 } as const;

  return (
    <ActionModal title={building ? `${t('common.edit')} · ${building.number}` : t('housing.buildingCreate')} open onClose={onClose} onOk={submit} width={640} testId="building-form-modal">
      <Form form={form} layout="vertical" initialValues={initial} preserve={false}>
        <div style={grid2}>
          <Form.Item name="regionId" label={t('housing.regionGrid')} rules={[{ required: true, message: t('housing.required') }]}>
            <RegionPicker initial={building ? { id: building.regionId, name: t('housing.currentRegion') } : null} allowClear={false} testId="building-form-region" />
          </Form.Item>
          <Form.Item name="estateId" label={t('housing.estate')}><EstateSelect initial={estateInitial} testId="building-form-estate" /></Form.Item>
          <Form.Item name="number" label={t('housing.buildingNumber')} rules={[{ required: true, whitespace: true, message: t('housing.required') }]}>
            <Input maxLength={40} placeholder={t('housing.buildingNumberHint')} data-testid="building-form-number" />
          </Form.Item>
          <Form.Item name="use" label={t('housing.use')}>
            <Select options={Object.keys(BUILDING_USES).map((k) => ({ value: k, label: t(`housing.buildingUse.${k}`) }))} />
          </Form.Item>
        </div>
        <Form.Item name="address" label={t('housing.address')}><Input maxLength={200} /></Form.Item>
        <div style={grid4}>
          <Form.Item name="floors" label={t('housing.floorsAbove')} rules={[{ required: true, message: t('housing.required') }]}><InputNumber min={1} max={200} style={{ width: '100%' }} data-testid="building-form-floors" /></Form.Item>
          <Form.Item name="basementFloors" label={t('housing.basementFloors')}><InputNumber min={0} max={20} style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="unitCount" label={t('housing.units')} rules={[{ required: true, message: t('housing.required') }]}><InputNumber min={1} max={50} style={{ width: '100%' }} data-testid="building-form-units" /></Form.Item>
          <Form.Item name="builtYear" label={t('housing.builtYear')}><InputNumber min={1800} max={2100} style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="lng" label={t('housing.lng')}><InputNumber min={-180} max={180} step={0.0001} style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="lat" label={t('housing.lat')}><InputNumber min={-90} max={90} step={0.0001} style={{ width: '100%' }} /></Form.Item>
        </div>
      </Form>
    </ActionModal>
  );
}
