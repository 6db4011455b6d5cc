// 新增 / 编辑 a resident. The server checks everything (ID checksum, birth date and gender against the
// ID, mobile format, care groups) and its reasons land on the field they concern. Where someone
// lives is set here only on creation; later it changes through 迁居, which keeps the history.
import { Alert, Col, DatePicker, Form, Input, Modal, Row, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResidentDetail } from '../../api/types';
import { regionsApi } from '../../api/endpoints';
import { RegionPicker } from '../../regions/RegionPicker';
import { api } from '../../api/client';
import { residentsApi, type ResidentBody } from './api';
import { useCareGroups } from './careGroups';
import { DwellingSelect } from './DwellingSelect';
import { applyServerErrors } from './formErrors';

export const ID_TYPES = ['idCard', 'passport', 'hkMacauPermit', 'taiwanPermit', 'foreignPermanent'];
export const RESIDENCE_TYPES = ['registered', 'migrant', 'foreign'];
export const HOUSEHOLD_ROLES = ['head', 'spouse', 'child', 'parent', 'grandchild', 'grandparent', 'sibling', 'tenant', 'other'];
export const POLITICAL_STATUSES = ['masses', 'partyMember', 'probationaryMember', 'leagueMember', 'democraticParty', 'other'];

interface Values {
  name: string;
  idType: string;
  idNumber: string;
  gender?: string;
  birthDate?: Dayjs;
  ethnicity: string;
  mobile?: string;
  residenceType: string;
  regionId?: number;
  dwellingId?: number;
  householdId?: number;
  householdRole: string;
  employer?: string;
  politicalStatus: string;
  tags: string[];
  seasonal: boolean;
  note?: string;
}

const FIELDS = ['name', 'idType', 'idNumber', 'gender', 'birthDate', 'ethnicity', 'mobile', 'residenceType', 'regionId', 'dwellingId', 'householdId', 'householdRole', 'employer', 'politicalStatus', 'tags', 'seasonal', 'note'];

interface HouseholdOption { id: number; number: string; head: { name: string } | null; address: string }

export function ResidentFormModal({ resident, onClose, onDone }: { resident: ResidentDetail | null; onClose: () => void; onDone: (r: ResidentDetail) => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  // The grid follows the chosen dwelling; its name is looked up for the picker to show.
  const [regionLabel, setRegionLabel] = useState<{ id: number; name: string } | null>(null);
  const labelRegion = (id: number) => { regionsApi.get(id).then((g) => setRegionLabel({ id: g.id, name: g.name }), () => undefined); };
  const [households, setHouseholds] = useState<HouseholdOption[]>([]);
  const { groups } = useCareGroups();
  const creating = !resident;
  const idType = Form.useWatch('idType', form);
  const role = Form.useWatch('householdRole', form);
  const dwellingId = Form.useWatch('dwellingId', form);
  const opt = (ns: string, codes: string[]) => codes.map((v) => ({ value: v, label: t(`people.${ns}.${v}`) }));

  // Households already living in the chosen dwelling: a non-head joins one of them.
  useEffect(() => {
    if (!creating || !dwellingId || role === 'head') { setHouseholds([]); return; }
    let live = true;
    api.get<{ items: HouseholdOption[] }>('/households', { dwellingId, limit: 20 }).then((r) => { if (live) setHouseholds(r.items); }, () => { if (live) setHouseholds([]); });
    return () => { live = false; };
  }, [creating, dwellingId, role]);

  const initial: Partial<Values> = resident
    ? {
        name: resident.name, idType: resident.idType, idNumber: '', gender: resident.gender, birthDate: dayjs(resident.birthDate), ethnicity: resident.ethnicity,
        residenceType: resident.residenceType, householdRole: resident.householdRole, employer: resident.employer, politicalStatus: resident.politicalStatus,
        tags: resident.tags.map((x) => x.code), seasonal: resident.seasonal, note: resident.note,
      }
    : { idType: 'idCard', ethnicity: '汉族', residenceType: 'registered', householdRole: 'head', politicalStatus: 'masses', tags: [], seasonal: false };

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setAlert(null);
    const common = {
      name: v.name.trim(), ethnicity: v.ethnicity.trim(), gender: v.gender || undefined, birthDate: v.birthDate ? v.birthDate.format('YYYY-MM-DD') : undefined,
      mobile: v.mobile?.trim() || null, residenceType: v.residenceType, householdRole: v.householdRole, employer: v.employer?.trim() ?? '',
      politicalStatus: v.politicalStatus, tags: v.tags ?? [], seasonal: !!v.seasonal, note: v.note?.trim() ?? '',
    };
    try {
      let saved: ResidentDetail;
      if (resident) {
        // ID number and mobile are sent only when retyped: the form never holds the stored values.
        const patch: Partial<ResidentBody> = { ...common, idType: v.idType };
        if (v.idNumber?.trim()) patch.idNumber = v.idNumber.trim();
        if (!v.mobile?.trim()) delete patch.mobile;
        saved = await residentsApi.update(resident.id, resident.version, patch);
      } else {
        saved = await residentsApi.create({
          ...common, idType: v.idType, idNumber: v.idNumber.trim(), regionId: v.regionId, dwellingId: v.dwellingId ?? null,
          householdId: v.householdRole === 'head' ? null : v.householdId ?? null,
        });
      }
      onDone(saved);
    } catch (e) {
      setAlert(applyServerErrors(form, e, i18n.language, FIELDS));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open title={t(creating ? 'people.form.createTitle' : 'people.form.editTitle', { name: resident?.name })} width={820}
      onCancel={onClose} onOk={() => void submit()} confirmLoading={saving} maskClosable={false} destroyOnHidden
      okButtonProps={{ 'data-testid': 'resident-form-ok' } as never}
    >
      <div data-testid="resident-form">
        {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} data-testid="resident-form-alert" />}
        <Form form={form} layout="horizontal" labelCol={{ flex: '100px' }} labelWrap={false} initialValues={initial} size="middle" requiredMark>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name="name" label={t('people.field.name')} rules={[{ required: true, whitespace: true, message: t('people.form.required') }]}>
                <Input maxLength={50} data-testid="resident-form-name" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="idType" label={t('people.field.idType')} rules={[{ required: true }]}>
                <Select options={opt('idType', ID_TYPES)} data-testid="resident-form-idType" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                name="idNumber" label={t('people.field.idNumber')}
                rules={creating ? [{ required: true, whitespace: true, message: t('people.form.required') }] : []}
                extra={creating ? undefined : t('people.form.idKeep', { masked: resident?.idNumberMasked })}
              >
                <Input maxLength={30} style={{ fontFamily: 'monospace' }} placeholder={creating ? t('people.form.idPlaceholder') : resident?.idNumberMasked} data-testid="resident-form-idNumber" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="mobile" label={t('people.field.mobile')} extra={creating ? undefined : resident?.mobileMasked ? t('people.form.mobileKeep', { masked: resident.mobileMasked }) : undefined}>
                <Input maxLength={20} placeholder={creating ? '13800000000' : resident?.mobileMasked ?? ''} data-testid="resident-form-mobile" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="gender" label={t('people.field.gender')} extra={idType === 'idCard' && creating ? t('people.form.fromId') : undefined}>
                <Select allowClear options={opt('gender', ['male', 'female'])} data-testid="resident-form-gender" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="birthDate" label={t('people.field.birthDate')} extra={idType === 'idCard' && creating ? t('people.form.fromId') : undefined}>
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs())} data-testid="resident-form-birthDate" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="ethnicity" label={t('people.field.ethnicity')} rules={[{ required: true, whitespace: true, message: t('people.form.required') }]}>
                <Input maxLength={20} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="residenceType" label={t('people.field.residenceType')} rules={[{ required: true }]}>
                <Select options={opt('residenceType', RESIDENCE_TYPES)} data-testid="resident-form-residenceType" />
              </Form.Item>
            </Col>
            {creating && (
              <>
                <Col span={24}>
                  <Form.Item name="dwellingId" label={t('people.field.dwelling')} extra={t('people.form.dwellingHint')}>
                    <DwellingSelect testId="resident-form-dwelling" onChange={(id, d) => { form.setFieldsValue({ dwellingId: id ?? undefined }); if (d) { form.setFieldsValue({ regionId: d.regionId }); labelRegion(d.regionId); } }} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item
                    name="regionId" label={t('people.field.grid')}
                    rules={[({ getFieldValue }) => ({ validator: (_, v) => (v || getFieldValue('dwellingId') ? Promise.resolve() : Promise.reject(new Error(t('people.form.regionRequired')))) })]}
                  >
                    <RegionPicker initial={regionLabel} placeholder={t('people.form.gridPlaceholder')} testId="resident-form-region" />
                  </Form.Item>
                </Col>
              </>
            )}
            <Col span={12}>
              <Form.Item name="householdRole" label={t('people.field.householdRole')} rules={[{ required: true }]}>
                <Select options={opt('householdRole', HOUSEHOLD_ROLES)} disabled={!creating && resident?.householdRole === 'head'} data-testid="resident-form-role" />
              </Form.Item>
            </Col>
            {creating && role && role !== 'head' && (
              <Col span={12}>
                <Form.Item name="householdId" label={t('people.field.household')} extra={dwellingId ? undefined : t('people.form.householdHint')}>
                  <Select
                    allowClear disabled={!households.length} placeholder={t('people.form.householdPlaceholder')}
                    options={households.map((h) => ({ value: h.id, label: `${h.number}${h.head ? ` · ${t('people.householdRole.head')} ${h.head.name}` : ''}` }))}
                  />
                </Form.Item>
              </Col>
            )}
            <Col span={12}>
              <Form.Item name="politicalStatus" label={t('people.field.politicalStatus')}>
                <Select options={opt('politicalStatus', POLITICAL_STATUSES)} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="employer" label={t('people.field.employer')}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col span={18}>
              <Form.Item name="tags" label={t('people.field.tags')}>
                <Select
                  mode="multiple" allowClear data-testid="resident-form-tags"
                  options={groups.filter((g) => g.active || resident?.tags.some((x) => x.code === g.code)).map((g) => ({ value: g.code, label: i18n.language === 'en' ? g.nameEn : g.nameZh }))}
                />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="seasonal" label={t('people.field.seasonalShort')} valuePropName="checked" labelCol={{ flex: '60px' }}>
                <Switch data-testid="resident-form-seasonal" />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="note" label={t('people.field.note')}>
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </div>
    </Modal>
  );
}
