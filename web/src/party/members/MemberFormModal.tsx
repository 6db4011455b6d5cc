// Create a party member (from a resident of the registry, or by hand for one who lives elsewhere)
// or edit one. With a resident, name, gender, birth date and region come from the registry.
import { Alert, DatePicker, Form, Input, Segmented, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionModal } from '../../regions/ActionModal';
import { RegionPicker } from '../../regions/RegionPicker';
import { MEMBER_KINDS, partyApi, type PartyMemberView, type ResidentHit } from '../api';
import { day, InstitutionSelect, OrgSelect, ResidentSelect, ymd } from '../common';

interface Props {
  member: PartyMemberView | null;
  defaultOrgId?: number;
  regionId?: number;
  onClose: () => void;
  onDone: (m: PartyMemberView) => void;
}

export function MemberFormModal({ member, defaultOrgId, regionId, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const [source, setSource] = useState<'resident' | 'manual'>(member ? (member.resident ? 'resident' : 'manual') : 'resident');
  const [resident, setResident] = useState<ResidentHit | null>(null);
  const kind = Form.useWatch('kind', form) as string | undefined;
  const fromResident = !member && source === 'resident';

  const pick = (r: ResidentHit | null) => {
    setResident(r);
    if (r) form.setFieldsValue({ name: r.name, gender: r.gender, birthDate: day(r.birthDate), regionId: r.region?.id });
  };

  const submit = async () => {
    const v = await form.validateFields();
    if (fromResident && !resident) { form.setFields([{ name: 'resident', errors: [t('party.member.residentRequired')] }]); throw Object.assign(new Error(), { errorFields: [] }); }
    const body = {
      name: v.name?.trim(), gender: v.gender, birthDate: ymd(v.birthDate), kind: v.kind, standing: v.standing,
      joinedPartyOn: ymd(v.joinedPartyOn), employer: v.employer?.trim() ?? '', institutionId: v.institutionId ?? null,
      skills: (v.skills ?? []).map((s: string) => s.trim()).filter(Boolean),
      ...(v.mobile && !String(v.mobile).includes('*') ? { mobile: String(v.mobile).trim() } : {}),
    };
    const saved = member
      ? await partyApi.updateMember(member.id, member.version, { ...body, ...(member.resident ? {} : { regionId: v.regionId ?? null }) })
      : await partyApi.createMember({ ...body, orgId: v.orgId, ...(fromResident ? { residentId: resident!.id } : { regionId: v.regionId ?? null }) });
    onDone(saved);
  };

  const req = [{ required: true, message: t('party.common.required') }];
  const g = { display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 12 } as const;
  const initial = member
    ? { ...member, birthDate: day(member.birthDate), joinedPartyOn: day(member.joinedPartyOn), institutionId: member.institution?.id ?? null, regionId: member.region?.id, mobile: member.mobileMasked ?? '' }
    : { kind: 'retired', standing: 'full', gender: 'male', orgId: defaultOrgId, skills: [] };
  return (
    <ActionModal title={member ? `${t('party.member.edit')} · ${member.name}` : t('party.member.create')} open onClose={onClose} onOk={submit} width={700} testId="member-form">
      {!member && (
        <Segmented value={source} onChange={(v) => setSource(v as 'resident' | 'manual')} style={{ marginBottom: 12 }} data-testid="member-form-source"
          options={[{ value: 'resident', label: t('party.member.fromResident') }, { value: 'manual', label: t('party.member.manual') }]} />
      )}
      <Form form={form} layout="vertical" preserve={false} initialValues={initial}>
        {fromResident && (
          <Form.Item name="resident" label={t('party.member.resident')} required extra={t('party.member.fromResidentHint')}>
            <ResidentSelect onPick={pick} width="100%" testId="member-form-resident" />
          </Form.Item>
        )}
        {member?.resident && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('party.member.linkedHint', { name: member.resident.name })} />}
        <div style={g}>
          <Form.Item name="name" label={t('party.member.name')} rules={[{ required: true, whitespace: true, message: t('party.common.required') }]}>
            <Input maxLength={50} disabled={fromResident || !!member?.resident} data-testid="member-form-name" />
          </Form.Item>
          <Form.Item name="gender" label={t('party.member.gender')} rules={req}>
            <Select disabled={fromResident || !!member?.resident} options={['male', 'female'].map((x) => ({ value: x, label: t(`party.gender.${x}`) }))} />
          </Form.Item>
          <Form.Item name="birthDate" label={t('party.member.birthDate')}><DatePicker style={{ width: '100%' }} disabled={fromResident || !!member?.resident} /></Form.Item>
          <Form.Item name="mobile" label={t('party.member.mobile')} extra={member?.mobileMasked ? t('party.member.mobileKeep') : undefined}
            rules={[{ pattern: /^(1\d{10}|1\d{2}\*{4}\d{4})?$/, message: t('party.member.mobileInvalid') }]}>
            <Input maxLength={11} data-testid="member-form-mobile" />
          </Form.Item>
          {!member && (
            <Form.Item name="orgId" label={t('party.member.org')} rules={req}><OrgSelect regionId={regionId} width="100%" testId="member-form-org" /></Form.Item>
          )}
          <Form.Item name="kind" label={t('party.member.kind')} rules={req}>
            <Select data-testid="member-form-kind" options={MEMBER_KINDS.map((k) => ({ value: k, label: t(`party.memberKind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="standing" label={t('party.member.standing')}>
            <Select options={['full', 'probationary'].map((k) => ({ value: k, label: t(`party.standing.${k}`) }))} />
          </Form.Item>
          <Form.Item name="joinedPartyOn" label={t('party.member.joinedPartyOn')}><DatePicker style={{ width: '100%' }} /></Form.Item>
          {!fromResident && !member?.resident && (
            <Form.Item name="regionId" label={t('party.member.region')} extra={t('party.member.regionHint')}><RegionPicker initial={member?.region ?? null} /></Form.Item>
          )}
          {kind === 'inService' && (
            <>
              <Form.Item name="institutionId" label={t('party.member.institution')} extra={t('party.member.institutionHint')}>
                <InstitutionSelect initial={member?.institution ?? null} width="100%" testId="member-form-institution" />
              </Form.Item>
              <Form.Item name="employer" label={t('party.member.employer')}><Input maxLength={100} /></Form.Item>
            </>
          )}
        </div>
        <Form.Item name="skills" label={t('party.member.skills')} extra={t('party.member.skillsHint')}>
          <Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} suffixIcon={null} data-testid="member-form-skills" />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}
