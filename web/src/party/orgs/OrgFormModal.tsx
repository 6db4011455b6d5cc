// Create or edit a party organization: kind, name, parent, where it is attached (a region, an
// estate or building in it, or a resident institution), joint committee flag, dates (a temporary
// branch has a start and an end).
import { DatePicker, Form, Input, Segmented, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { ActionModal } from '../../regions/ActionModal';
import { RegionPicker } from '../../regions/RegionPicker';
import { EstateSelect } from '../../registry/housing/BuildingFormModal';
import { ATTACH_KINDS, ORG_KINDS, partyApi, type AttachKind, type PartyOrgKind, type PartyOrgView } from '../api';
import { BuildingSelect, day, InstitutionSelect, OrgSelect, ymd } from '../common';

interface Props {
  org: PartyOrgView | null;
  /** For a new organization: its parent and default region. */
  parent?: PartyOrgView | null;
  regionId?: number;
  defaultRegion?: { id: number; name: string } | null;
  onClose: () => void;
  onDone: (org: PartyOrgView) => void;
}

/** What kind a new child of a parent usually is. */
const CHILD_KIND: Record<string, PartyOrgKind> = {
  streetWorkingCommittee: 'committee', committee: 'branch', generalBranch: 'branch', branch: 'group', temporaryBranch: 'group', group: 'group',
};

export function OrgFormModal({ org, parent, regionId, defaultRegion, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const kind = (Form.useWatch('kind', form) as PartyOrgKind | undefined) ?? org?.kind;
  const attach = (Form.useWatch('attachKind', form) as AttachKind | undefined) ?? org?.attachKind ?? 'region';
  const region = parent?.region ?? defaultRegion ?? null;
  const initial = org
    ? {
      ...org, parentId: org.parentId, regionId: org.region.id, estateId: org.estate?.id ?? null, buildingId: org.building?.id ?? null,
      institutionId: org.institution?.id ?? null, establishedOn: day(org.establishedOn), startOn: day(org.startOn), endOn: day(org.endOn),
    }
    : { kind: parent ? CHILD_KIND[parent.kind] : 'branch', parentId: parent?.id ?? null, regionId: region?.id, attachKind: 'region', joint: false };

  const submit = async () => {
    const v = await form.validateFields();
    const body = {
      parentId: v.parentId ?? null, kind: v.kind, name: v.name.trim(), regionId: v.regionId, attachKind: v.attachKind,
      estateId: v.attachKind === 'estate' ? v.estateId ?? null : null,
      buildingId: v.attachKind === 'building' ? v.buildingId ?? null : null,
      institutionId: v.attachKind === 'institution' ? v.institutionId ?? null : null,
      joint: !!v.joint, establishedOn: ymd(v.establishedOn),
      startOn: v.kind === 'temporaryBranch' ? ymd(v.startOn) : null, endOn: v.kind === 'temporaryBranch' ? ymd(v.endOn) : null,
      note: v.note ?? '',
    };
    const saved = org ? await partyApi.updateOrg(org.id, org.version, body) : await partyApi.createOrg(body);
    onDone(saved);
  };
  const req = [{ required: true, message: t('party.common.required') }];
  const g = { display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 12 } as const;
  return (
    <ActionModal title={org ? `${t('party.org.edit')} · ${org.name}` : t('party.org.create')} open onClose={onClose} onOk={submit} width={680} testId="org-form">
      <Form form={form} layout="vertical" preserve={false} initialValues={initial}>
        <div style={g}>
          <Form.Item name="kind" label={t('party.org.kind')} rules={req}>
            <Select data-testid="org-form-kind" options={ORG_KINDS.map((k) => ({ value: k, label: t(`party.orgKind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="name" label={t('party.org.name')} rules={[{ required: true, whitespace: true, message: t('party.common.required') }]}>
            <Input maxLength={100} data-testid="org-form-name" placeholder={t('party.org.namePlaceholder')} />
          </Form.Item>
          <Form.Item name="parentId" label={t('party.org.parent')} extra={t('party.org.parentHint')}>
            <OrgSelect regionId={regionId} exclude={org ? [org.id] : []} width="100%" placeholder={t('party.org.noParent')} testId="org-form-parent" />
          </Form.Item>
          <Form.Item name="regionId" label={t('party.org.region')} rules={req}>
            <RegionPicker initial={org ? org.region : region} allowClear={false} testId="org-form-region" />
          </Form.Item>
        </div>
        <Form.Item name="attachKind" label={t('party.org.attachKind')}>
          <Segmented options={ATTACH_KINDS.map((a) => ({ value: a, label: t(`party.attachKind.${a}`) }))} data-testid="org-form-attach" />
        </Form.Item>
        {attach === 'estate' && (
          <Form.Item name="estateId" label={t('party.org.estate')} rules={req}><EstateSelect initial={org?.estate ?? null} placeholder={t('party.org.chooseEstate')} /></Form.Item>
        )}
        {attach === 'building' && (
          <Form.Item name="buildingId" label={t('party.org.building')} rules={req}><BuildingSelect initial={org?.building ?? null} width="100%" /></Form.Item>
        )}
        {attach === 'institution' && (
          <Form.Item name="institutionId" label={t('party.org.institution')} rules={req} extra={t('party.org.institutionHint')}>
            <InstitutionSelect initial={org?.institution ?? null} width="100%" testId="org-form-institution" />
          </Form.Item>
        )}
        <div style={g}>
          <Form.Item name="establishedOn" label={t('party.org.establishedOn')}><DatePicker style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="joint" label={t('party.org.joint')} valuePropName="checked" extra={t('party.org.jointHint')}><Switch /></Form.Item>
          {kind === 'temporaryBranch' && (
            <>
              <Form.Item name="startOn" label={t('party.org.startOn')} rules={req}><DatePicker style={{ width: '100%' }} /></Form.Item>
              <Form.Item name="endOn" label={t('party.org.endOn')} rules={req}><DatePicker style={{ width: '100%' }} /></Form.Item>
            </>
          )}
        </div>
        <Form.Item name="note" label={t('party.org.note')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
      </Form>
    </ActionModal>
  );
}
