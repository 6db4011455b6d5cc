// 设立党员中心户: a household (of the building shown, or any household id from the building view)
// becomes a liaison household, kept by a party member, optionally under a party group leader.
import { Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ActionModal } from '../../regions/ActionModal';
import { partyApi, type LinkHousehold, type LiaisonView } from '../api';
import { MemberSelect } from '../common';

interface Props {
  households: (LinkHousehold & { label: string })[];
  defaultHouseholdId?: number;
  onClose: () => void;
  onDone: (l: LiaisonView) => void;
}

export function LiaisonFormModal({ households, defaultHouseholdId, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const submit = async () => {
    const v = await form.validateFields();
    onDone(await partyApi.createLiaison({ householdId: v.householdId, memberId: v.memberId, leaderMemberId: v.leaderMemberId ?? null }));
  };
  const req = [{ required: true, message: t('party.common.required') }];
  return (
    <ActionModal title={t('party.links.createLiaison')} open onClose={onClose} onOk={submit} width={560} testId="liaison-form">
      <Form form={form} layout="vertical" preserve={false} initialValues={{ householdId: defaultHouseholdId }}>
        <Form.Item name="householdId" label={t('party.links.liaisonHousehold')} rules={req} extra={t('party.links.liaisonHouseholdHint')}>
          <Select showSearch={{ filterOption: (input, o) => String(o?.label ?? '').includes(input) }} data-testid="liaison-form-household"
            options={households.filter((h) => !h.isLiaison).map((h) => ({ value: h.id, label: h.label }))} />
        </Form.Item>
        <Form.Item name="memberId" label={t('party.links.liaisonMember')} rules={req} extra={t('party.links.liaisonMemberHint')}>
          <MemberSelect width="100%" testId="liaison-form-member" />
        </Form.Item>
        <Form.Item name="leaderMemberId" label={t('party.links.leader')} extra={t('party.links.leaderHint')}>
          <MemberSelect width="100%" testId="liaison-form-leader" />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}

/** 更换党小组长 of one liaison household. */
export function LeaderModal({ liaison, onClose, onDone }: { liaison: LiaisonView; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const submit = async () => {
    const v = await form.validateFields();
    await partyApi.updateLiaison(liaison.id, liaison.version, v.leaderMemberId ?? null);
    onDone();
  };
  return (
    <ActionModal title={`${t('party.links.setLeader')} · ${liaison.member.name}`} open onClose={onClose} onOk={submit} width={460} testId="leader-form">
      <Form form={form} layout="vertical" preserve={false} initialValues={{ leaderMemberId: liaison.leader?.id ?? null }}>
        <Form.Item name="leaderMemberId" label={t('party.links.leader')} extra={t('party.links.leaderClearHint')}>
          <MemberSelect width="100%" initial={liaison.leader ?? null} testId="leader-form-member" />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}
