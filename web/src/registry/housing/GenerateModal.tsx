// 批量生成房屋: every unit gets N dwellings on each floor of a range (101, 102, …); existing
// numbers are skipped, so running it twice creates nothing new.
import { Alert, Form, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { DWELLING_USES, type BuildingView, type GenerateResult } from '../../api/types';
import { ActionModal } from '../../regions/ActionModal';
import { housingApi } from './api';

interface Values { from: number; to: number; perUnitPerFloor: number; area?: number | null; use: string }

export function GenerateModal({ building, onClose, onDone }: { building: BuildingView; onClose: () => void; onDone: (r: GenerateResult) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const v = Form.useWatch([], form) as Values | undefined;
  const count = v && v.to >= v.from ? (v.to - v.from + 1 - (v.from <= 0 && v.to >= 0 ? 1 : 0)) * (v.perUnitPerFloor ?? 0) * building.unitCount : 0;
  const submit = async () => {
    const x = await form.validateFields();
    onDone(await housingApi.generate(building.id, { floors: [x.from, x.to], perUnitPerFloor: x.perUnitPerFloor, use: x.use, ...(x.area ? { area: x.area } : {}) }));
  };
  const lowest = building.basementFloors ? -building.basementFloors : 1;
  return (
    <ActionModal title={`${t('housing.generate')} · ${building.number}`} open onClose={onClose} onOk={submit} width={520} testId="generate-modal">
      <Form form={form} layout="vertical" preserve={false} initialValues={{ from: 1, to: building.floors, perUnitPerFloor: 2, use: 'residential' }}>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', columnGap: 12 }}>
          <Form.Item name="from" label={t('housing.fromFloor')} rules={[{ required: true }]}><InputNumber min={lowest} max={building.floors} style={{ width: '100%' }} data-testid="generate-from" /></Form.Item>
          <Form.Item name="to" label={t('housing.toFloor')} rules={[{ required: true }]}><InputNumber min={lowest} max={building.floors} style={{ width: '100%' }} data-testid="generate-to" /></Form.Item>
          <Form.Item name="perUnitPerFloor" label={t('housing.perUnitPerFloor')} rules={[{ required: true }]}><InputNumber min={1} max={20} style={{ width: '100%' }} data-testid="generate-per" /></Form.Item>
          <Form.Item name="area" label={t('housing.areaDefault')}><InputNumber min={1} max={100000} style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="use" label={t('housing.use')}><Select options={Object.keys(DWELLING_USES).map((k) => ({ value: k, label: t(`housing.dwellingUse.${k}`) }))} /></Form.Item>
        </div>
      </Form>
      <Alert type="info" showIcon title={t('housing.generateHint', { units: building.unitCount, count })} />
    </ActionModal>
  );
}
