// 报到登记: an in-service party member registers at the community where they live, or an
// institution's party organization at a community. The community follows the member's home
// region when it can be found; duplicates are refused by the server (PARTY_DUPLICATE).
import { Alert, DatePicker, Form, Segmented } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { regionsApi } from '../../api/endpoints';
import { ActionModal } from '../../regions/ActionModal';
import { RegionPicker } from '../../regions/RegionPicker';
import { partyApi, type RegistrationKind, type RegistrationView } from '../api';
import { useAuth } from '../../auth/AuthContext';
import { MemberSelect, OrgSelect, ymd } from '../common';

export function RegisterModal({ regionId, onClose, onDone }: { regionId?: number; onClose: () => void; onDone: (r: RegistrationView) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const { user } = useAuth();
  // A community's staff register at their own community unless the member lives elsewhere.
  const own = user?.scopeRegion?.level === 4 ? { id: user.scopeRegion.id, name: user.scopeRegion.name } : null;
  const [kind, setKind] = useState<RegistrationKind>('member');
  const [community, setCommunity] = useState<{ id: number; name: string } | null>(own);
  const [found, setFound] = useState<string | null>(null);

  /** The community (level 4) a region lies in: itself or one of its ancestors. */
  const communityOf = async (id: number) => {
    try {
      const r = await regionsApi.get(id);
      const c = [...r.ancestors, r].find((a) => a.level === 4);
      if (c) { setCommunity({ id: c.id, name: c.name }); form.setFieldValue('communityId', c.id); setFound(c.name); }
    } catch { /* out of scope or gone: leave the choice to the user */ }
  };

  const pickMember = async (id: number | null) => {
    setFound(null);
    if (!id) return;
    try {
      const m = await partyApi.member(id);
      if (m.region) await communityOf(m.region.id);
    } catch { /* the picker only lists readable members */ }
  };

  const submit = async () => {
    const v = await form.validateFields();
    onDone(await partyApi.register({
      kind, communityId: v.communityId, registeredOn: ymd(v.registeredOn) ?? undefined,
      ...(kind === 'member' ? { memberId: v.memberId } : { partyOrgId: v.partyOrgId }),
    }));
  };
  const req = [{ required: true, message: t('party.common.required') }];
  return (
    <ActionModal title={t('party.reg.register')} open onClose={onClose} onOk={submit} width={560} testId="register-modal">
      <Segmented value={kind} onChange={(k) => { setKind(k as RegistrationKind); setFound(null); }} style={{ marginBottom: 12 }} data-testid="register-kind"
        options={[{ value: 'member', label: t('party.reg.kind.member') }, { value: 'organization', label: t('party.reg.kind.organization') }]} />
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={kind === 'member' ? t('party.reg.memberHint') : t('party.reg.orgHint')} />
      <Form form={form} layout="vertical" preserve={false} initialValues={{ registeredOn: dayjs(), communityId: own?.id }}>
        {kind === 'member' ? (
          <Form.Item name="memberId" label={t('party.reg.member')} rules={req}>
            <MemberSelect kind="inService" width="100%" testId="register-member" onChange={(id) => { form.setFieldValue('memberId', id); void pickMember(id); }} />
          </Form.Item>
        ) : (
          <Form.Item name="partyOrgId" label={t('party.reg.org')} rules={req} extra={t('party.reg.orgPickHint')}>
            <OrgSelect regionId={regionId} width="100%" testId="register-org" filter={(o) => o.attachKind === 'institution' || !!o.institution}
              onChange={(id, o) => { form.setFieldValue('partyOrgId', id); if (o) void communityOf(o.region.id); }} />
          </Form.Item>
        )}
        <Form.Item name="communityId" label={t('party.reg.community')} rules={req} extra={found ? t('party.reg.communityFound', { name: found }) : t('party.reg.communityHint')}>
          <RegionPicker level={4} initial={community} testId="register-community" onChange={(id, r) => { form.setFieldValue('communityId', id); setCommunity(id ? { id, name: r?.name ?? '' } : null); }} />
        </Form.Item>
        <Form.Item name="registeredOn" label={t('party.reg.registeredOn')} rules={req}><DatePicker style={{ width: '100%' }} /></Form.Item>
      </Form>
    </ActionModal>
  );
}
