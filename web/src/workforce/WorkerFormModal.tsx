// New or edited worker: name, mobile, the region they are managed from, the account they log in
// with (grid workers log their own visits), their resident record, and a sending unit
// (paired deputies and stationed-team members come from a town or a district department).
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/useApi';
import { useAuth } from '../auth/AuthContext';
import { DepartmentSelect } from '../cases/common/selects';
import { RegionPicker } from '../regions/RegionPicker';
import { workersApi, type WorkerInput, type WorkerView } from './api';
import { ResidentSelect, UserSelect } from './pickers';

interface Props {
  open: boolean;
  worker?: WorkerView | null;
  onClose: () => void;
  onSaved: (w: WorkerView) => void;
}

interface Values {
  name: string;
  mobile?: string;
  regionId: number;
  userId?: number;
  residentId?: number;
  sendingUnitKind?: 'town' | 'department';
  sendingUnit?: string;
  departmentId?: number;
  note?: string;
}

export default function WorkerFormModal({ open, worker, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const editing = !!worker;

  const submit = async (v: Values) => {
    setSaving(true);
    setError(null);
    try {
      // On an edit a cleared choice is sent as null (it unlinks); an empty mobile keeps the stored one.
      const cleared = worker ? null : undefined;
      const body: WorkerInput = {
        name: v.name.trim(), regionId: v.regionId, mobile: v.mobile?.trim() || undefined, userId: v.userId ?? cleared, residentId: v.residentId ?? cleared,
        sendingUnitKind: v.sendingUnitKind ?? cleared, sendingUnit: v.sendingUnit?.trim() ?? '', departmentId: v.departmentId ?? cleared, note: v.note?.trim() ?? '',
      };
      const saved = worker ? await workersApi.update(worker.id, worker.version, body) : await workersApi.create(body);
      onSaved(saved);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open} title={t(editing ? 'workforce.workers.editTitle' : 'workforce.workers.createTitle')} onCancel={onClose} destroyOnHidden
      okText={t('common.save')} onOk={() => form.submit()} confirmLoading={saving} okButtonProps={{ 'data-testid': 'worker-form-submit' } as never}
      width={560} data-testid="worker-form"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="worker-form-error" />}
      <Form<Values>
        form={form} layout="vertical" preserve={false} onFinish={(v) => void submit(v)}
        initialValues={worker ? {
          name: worker.name, regionId: worker.region.id, userId: worker.user?.id, residentId: worker.resident?.id,
          sendingUnitKind: worker.sendingUnitKind ?? undefined, sendingUnit: worker.sendingUnit, departmentId: worker.department?.id, note: worker.note,
        } : { regionId: user?.scopeRegion?.id }}
      >
        <Form.Item name="name" label={t('workforce.workers.name')} rules={[{ required: true, whitespace: true, message: t('workforce.workers.nameRequired') }]}>
          <Input maxLength={40} data-testid="worker-form-name" />
        </Form.Item>
        <Form.Item name="mobile" label={t('workforce.workers.mobile')} extra={editing && worker?.mobileMasked ? t('workforce.workers.mobileKeep', { mask: worker.mobileMasked }) : undefined}
          rules={[{ pattern: /^1\d{10}$/, message: t('workforce.workers.mobileInvalid') }]}>
          <Input maxLength={11} inputMode="numeric" data-testid="worker-form-mobile" />
        </Form.Item>
        <Form.Item name="regionId" label={t('workforce.workers.region')} rules={[{ required: true, message: t('workforce.workers.regionRequired') }]} extra={t('workforce.workers.regionHint')}>
          <RegionPicker initial={worker ? worker.region : user?.scopeRegion ?? null} allowClear={false} testId="worker-form-region" />
        </Form.Item>
        <Form.Item name="userId" label={t('workforce.workers.user')} extra={t('workforce.workers.userHint')}>
          <UserSelect placeholder={t('workforce.workers.userPlaceholder')} testId="worker-form-user" />
        </Form.Item>
        <Form.Item name="residentId" label={t('workforce.workers.resident')}>
          <ResidentSelect placeholder={t('workforce.workers.residentPlaceholder')} testId="worker-form-resident" />
        </Form.Item>
        <Form.Item label={t('workforce.workers.sendingUnit')} style={{ marginBottom: 0 }}>
          <div style={{ display: 'flex', gap: 8 }}>
            <Form.Item name="sendingUnitKind" style={{ width: 160 }}>
              <Select allowClear placeholder={t('workforce.workers.sendingUnitKind')} options={(['town', 'department'] as const).map((k) => ({ value: k, label: t(`workforce.sendingUnitKind.${k}`) }))} data-testid="worker-form-unit-kind" />
            </Form.Item>
            <Form.Item name="sendingUnit" style={{ flex: 1 }}>
              <Input maxLength={80} placeholder={t('workforce.workers.sendingUnitName')} data-testid="worker-form-unit" />
            </Form.Item>
          </div>
        </Form.Item>
        <Form.Item noStyle shouldUpdate={(a, b) => a.sendingUnitKind !== b.sendingUnitKind}>
          {({ getFieldValue }) => getFieldValue('sendingUnitKind') === 'department' && (
            <Form.Item name="departmentId" label={t('workforce.workers.department')}>
              <DepartmentSelect allowClear testId="worker-form-department" />
            </Form.Item>
          )}
        </Form.Item>
        <Form.Item name="note" label={t('workforce.workers.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
