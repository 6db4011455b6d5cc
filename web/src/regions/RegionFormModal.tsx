// Create a child region or edit this one: name, kind, code, free attributes and boundary as JSON.
import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { regionsApi } from '../api/endpoints';
import { REGION_KINDS, type RegionDetail, type RegionLevel } from '../api/types';
import { kindLabel } from '../i18n/names';
import { ActionModal } from './ActionModal';

interface Props {
  mode: 'create' | 'edit';
  region: RegionDetail;
  open: boolean;
  onClose: () => void;
  onDone: (r: RegionDetail) => void;
}

interface Values { name: string; kind: string; code?: string; attributes?: string; boundary?: string }

const parseJson = (s: string | undefined) => (s && s.trim() ? JSON.parse(s) : undefined);

export function RegionFormModal({ mode, region, open, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const level = (mode === 'create' ? region.level + 1 : region.level) as RegionLevel;
  const kinds = REGION_KINDS[level] ?? [];
  const jsonRule = { validator: (_: unknown, v?: string) => { try { parseJson(v); return Promise.resolve(); } catch { return Promise.reject(new Error(t('regionAction.invalidJson'))); } } };
  const initial: Partial<Values> = mode === 'edit'
    ? { name: region.name, kind: region.kind, attributes: Object.keys(region.attributes ?? {}).length ? JSON.stringify(region.attributes, null, 2) : '' }
    : { kind: kinds[0] };

  const submit = async () => {
    const v = await form.validateFields();
    const attributes = parseJson(v.attributes);
    const boundary = parseJson(v.boundary);
    const r = mode === 'create'
      ? await regionsApi.create({ parentId: region.id, name: v.name.trim(), kind: v.kind, code: v.code?.trim() || undefined, attributes, boundary })
      : await regionsApi.update(region.id, { version: region.version, name: v.name.trim(), kind: v.kind, attributes, boundary });
    onDone(r);
  };

  return (
    <ActionModal
      title={mode === 'create' ? `${t('regionAction.createChild')} · ${region.name}` : `${t('regionAction.edit')} · ${region.name}`}
      open={open} onClose={onClose} onOk={submit} width={560} testId={`region-${mode}-modal`}
    >
      <Form form={form} layout="vertical" initialValues={initial} preserve={false}>
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true, message: t('regionAction.nameRequired') }]}>
          <Input maxLength={60} data-testid="region-form-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('region.kind')} rules={[{ required: true, message: t('regionAction.kindRequired') }]}>
          <Select options={kinds.map((k) => ({ value: k, label: kindLabel(t, k) }))} />
        </Form.Item>
        {mode === 'create' && (
          <Form.Item name="code" label={t('regionAction.codeOptional')}><Input maxLength={20} /></Form.Item>
        )}
        <Form.Item name="attributes" label={t('regionAction.attributesJson')} rules={[jsonRule]}>
          <Input.TextArea rows={3} placeholder='{"estate": "..."}' style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item name="boundary" label={t('regionAction.boundaryJson')} rules={[jsonRule]}>
          <Input.TextArea rows={3} placeholder='{"type": "Polygon", "coordinates": [...]}' style={{ fontFamily: 'monospace' }} />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}
