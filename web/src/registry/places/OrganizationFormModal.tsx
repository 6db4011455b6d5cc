// Create or edit an organization; which fields show depends on the kind (a team has a subkind,
// an owners' committee or property company belongs to an estate).
import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ORG_KINDS, ORG_SUBKINDS, type OrganizationView, type OrgKind } from '../../api/types';
import { ActionModal } from '../../regions/ActionModal';
import { RegionPicker } from '../../regions/RegionPicker';
import { EstateSelect } from '../housing/BuildingFormModal';
import { placesApi } from './api';

export function OrganizationFormModal({ org, kind, onClose, onDone }: { org: OrganizationView | null; kind: OrgKind; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const k = (Form.useWatch('kind', form) as OrgKind | undefined) ?? org?.kind as OrgKind ?? kind;
  const subkinds = Object.entries(ORG_SUBKINDS[k] ?? {});
  const submit = async () => {
    const v = await form.validateFields();
    const body = {
      regionId: v.regionId, kind: v.kind, subkind: v.subkind ?? null, name: v.name.trim(), creditCode: v.creditCode?.trim() || null,
      address: v.address?.trim() ?? '', leaderName: v.leaderName?.trim() || null, estateId: v.estateId ?? null, description: v.description ?? '',
      ...(v.contactMobile && !v.contactMobile.includes('*') ? { contactMobile: v.contactMobile.trim() } : {}),
    };
    if (org) await placesApi.updateOrganization(org.id, org.version, body); else await placesApi.createOrganization(body);
    onDone();
  };
  const g = { display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 12 } as const;
  return (
    <ActionModal title={org ? `${t('common.edit')} · ${org.name}` : t('places.orgCreate')} open onClose={onClose} onOk={submit} width={620} testId="org-form-modal">
      <Form form={form} layout="vertical" preserve={false}
        initialValues={org ? { ...org, regionId: org.region.id, estateId: org.estate?.id ?? null } : { kind }}>
        <div style={g}>
          <Form.Item name="kind" label={t('places.orgKind')}>
            <Select options={Object.keys(ORG_KINDS).map((x) => ({ value: x, label: t(`places.orgKinds.${x}`) }))} onChange={() => form.setFieldValue('subkind', null)} />
          </Form.Item>
          {subkinds.length > 0 ? (
            <Form.Item name="subkind" label={t('places.subkind')} rules={k === 'communityTeam' ? [{ required: true, message: t('housing.required') }] : []}>
              <Select allowClear options={subkinds.map(([value, label]) => ({ value, label }))} data-testid="org-form-subkind" />
            </Form.Item>
          ) : <div />}
          <Form.Item name="name" label={t('places.orgName')} rules={[{ required: true, whitespace: true, message: t('housing.required') }]}><Input maxLength={200} data-testid="org-form-name" /></Form.Item>
          <Form.Item name="regionId" label={t('housing.region')} rules={[{ required: true, message: t('housing.required') }]}><RegionPicker initial={org ? org.region : null} allowClear={false} /></Form.Item>
          {(k === 'ownersCommittee' || k === 'propertyCompany') && (
            <Form.Item name="estateId" label={t('housing.estate')}><EstateSelect initial={org?.estate ?? null} /></Form.Item>
          )}
          {k !== 'communityTeam' && k !== 'ownersCommittee' && <Form.Item name="creditCode" label={t('places.creditCode')}><Input maxLength={18} /></Form.Item>}
          <Form.Item name="leaderName" label={t('places.leader')}><Input maxLength={50} /></Form.Item>
          <Form.Item name="contactMobile" label={t('places.contactMobile')}><Input maxLength={11} /></Form.Item>
        </div>
        <Form.Item name="address" label={t('housing.address')}><Input maxLength={300} /></Form.Item>
        <Form.Item name="description" label={t('places.description')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
      </Form>
    </ActionModal>
  );
}
