// 迁居 (move to another dwelling, keeping the history) and 注销 (archive with a reason).
import { Alert, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { useTranslation } from 'react-i18next';
import type { ResidentDetail } from '../../api/types';
import { regionsApi } from '../../api/endpoints';
import { RegionPicker } from '../../regions/RegionPicker';
import { residentsApi } from './api';
import { DwellingSelect } from './DwellingSelect';
import { applyServerErrors } from './formErrors';
import { HOUSEHOLD_ROLES } from './ResidentFormModal';

interface MoveValues { dwellingId?: number; regionId?: number; householdId?: number; householdRole: string; newHeadResidentId?: number; movedOn: Dayjs; reason?: string }

export function MoveModal({ r, onClose, onDone }: { r: ResidentDetail; onClose: () => void; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<MoveValues>();
  const [saving, setSaving] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  // The grid follows the chosen dwelling; its name is looked up for the picker to show.
  const [regionLabel, setRegionLabel] = useState<{ id: number; name: string } | null>(null);
  const labelRegion = (id: number) => { regionsApi.get(id).then((g) => setRegionLabel({ id: g.id, name: g.name }), () => undefined); };
  const [households, setHouseholds] = useState<{ id: number; number: string; head: { name: string } | null }[]>([]);
  const dwellingId = Form.useWatch('dwellingId', form);
  const role = Form.useWatch('householdRole', form);
  // A head leaving members behind names who heads the household after them.
  const others = r.householdRole === 'head' ? (r.household?.members ?? []).filter((m) => m.id !== r.id) : [];
  useEffect(() => {
    if (!dwellingId || role === 'head') { setHouseholds([]); return; }
    let live = true;
    api.get<{ items: typeof households }>('/households', { dwellingId, limit: 20 }).then((x) => { if (live) setHouseholds(x.items); }, () => { if (live) setHouseholds([]); });
    return () => { live = false; };
  }, [dwellingId, role]);
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setAlert(null);
    try {
      await residentsApi.move(r.id, {
        householdId: v.householdRole !== 'head' ? v.householdId : undefined, newHeadResidentId: others.length ? v.newHeadResidentId : undefined,
        version: r.version, dwellingId: v.dwellingId, regionId: v.dwellingId ? undefined : v.regionId, householdRole: v.householdRole,
        movedOn: v.movedOn.format('YYYY-MM-DD'), reason: v.reason?.trim() ?? '',
      });
      onDone();
    } catch (e) {
      setAlert(applyServerErrors(form, e, i18n.language, ['dwellingId', 'regionId', 'householdId', 'householdRole', 'newHeadResidentId', 'movedOn', 'reason']));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={t('people.move.title', { name: r.name })} width={620} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving} destroyOnHidden maskClosable={false} okButtonProps={{ 'data-testid': 'move-ok' } as never}>
      <div data-testid="move-modal">
        {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
        <Typography.Paragraph type="secondary">{t('people.move.current', { address: r.address || t('people.noDwelling') })}</Typography.Paragraph>
        <Form form={form} labelCol={{ flex: '96px' }} initialValues={{ movedOn: dayjs(), householdRole: r.householdRole === 'head' ? 'head' : r.householdRole }}>
          <Form.Item name="dwellingId" label={t('people.move.to')} extra={t('people.move.toHint')}>
            <DwellingSelect testId="move-dwelling" onChange={(id, d) => { form.setFieldsValue({ dwellingId: id ?? undefined }); if (d) { form.setFieldsValue({ regionId: d.regionId }); labelRegion(d.regionId); } }} />
          </Form.Item>
          <Form.Item
            name="regionId" label={t('people.field.grid')}
            rules={[({ getFieldValue }) => ({ validator: (_, v) => (v || getFieldValue('dwellingId') ? Promise.resolve() : Promise.reject(new Error(t('people.move.required')))) })]}
          >
            <RegionPicker initial={regionLabel} placeholder={t('people.form.gridPlaceholder')} />
          </Form.Item>
          <Form.Item name="householdRole" label={t('people.field.householdRole')} extra={t('people.move.roleHint')}>
            <Select options={HOUSEHOLD_ROLES.map((v) => ({ value: v, label: t(`people.householdRole.${v}`) }))} />
          </Form.Item>
          {role !== 'head' && (
            <Form.Item name="householdId" label={t('people.field.household')} extra={t('people.move.householdHint')}>
              <Select
                allowClear disabled={!households.length} placeholder={t('people.form.householdPlaceholder')}
                options={households.map((h) => ({ value: h.id, label: `${h.number}${h.head ? ` · ${t('people.householdRole.head')} ${h.head.name}` : ''}` }))}
              />
            </Form.Item>
          )}
          {others.length > 0 && (
            <Form.Item name="newHeadResidentId" label={t('people.move.newHead')} rules={[{ required: true, message: t('people.move.newHeadRequired') }]}>
              <Select options={others.map((m) => ({ value: m.id, label: `${m.name}（${t(`people.householdRole.${m.householdRole}`, { defaultValue: m.householdRole })}）` }))} />
            </Form.Item>
          )}
          <Form.Item name="movedOn" label={t('people.move.date')} rules={[{ required: true }]}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs())} />
          </Form.Item>
          <Form.Item name="reason" label={t('people.move.reason')}><Input maxLength={200} /></Form.Item>
        </Form>
      </div>
    </Modal>
  );
}

interface ArchiveValues { reason: string; movedOn: Dayjs }

export function ArchiveModal({ r, onClose, onDone }: { r: ResidentDetail; onClose: () => void; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<ArchiveValues>();
  const [saving, setSaving] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setAlert(null);
    try {
      await residentsApi.archive(r.id, { version: r.version, leftReason: v.reason, on: v.movedOn.format('YYYY-MM-DD') });
      onDone();
    } catch (e) {
      setAlert(applyServerErrors(form, e, i18n.language, ['reason', 'movedOn']));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open title={t('people.archive.title', { name: r.name })} width={520} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving}
      okButtonProps={{ danger: true, 'data-testid': 'archive-ok' } as never} okText={t('people.archive.ok')} destroyOnHidden maskClosable={false}
    >
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      <Alert type="warning" showIcon title={t('people.archive.hint')} style={{ marginBottom: 16 }} />
      <Form form={form} labelCol={{ flex: '80px' }} initialValues={{ movedOn: dayjs(), reason: 'movedOut' }}>
        <Form.Item name="reason" label={t('people.archive.reason')} rules={[{ required: true }]}>
          <Select options={['movedOut', 'deceased', 'other'].map((v) => ({ value: v, label: t(`people.leftReason.${v}`) }))} data-testid="archive-reason" />
        </Form.Item>
        <Form.Item name="movedOn" label={t('people.move.date')} rules={[{ required: true }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs())} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
