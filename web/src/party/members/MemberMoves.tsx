// Membership moves: transfer to another organization (history kept) and archive (transferred
// out of the area, deceased, other).
import { DatePicker, Form, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ActionModal } from '../../regions/ActionModal';
import { LEFT_REASONS, partyApi, type PartyMemberView } from '../api';
import { OrgSelect, ymd } from '../common';

export function TransferModal({ member, regionId, onClose, onDone }: { member: PartyMemberView; regionId?: number; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const submit = async () => {
    const v = await form.validateFields();
    await partyApi.transferMember(member.id, member.version, v.orgId, ymd(v.on)!, v.reason?.trim() ?? '');
    onDone();
  };
  const req = [{ required: true, message: t('party.common.required') }];
  return (
    <ActionModal title={`${t('party.member.transfer')} · ${member.name}`} open onClose={onClose} onOk={submit} width={520} testId="member-transfer">
      <Form form={form} layout="vertical" preserve={false} initialValues={{ on: dayjs() }}>
        <Form.Item label={t('party.member.currentOrg')}>{member.org.name}</Form.Item>
        <Form.Item name="orgId" label={t('party.member.targetOrg')} rules={req}><OrgSelect regionId={regionId} exclude={[member.org.id]} width="100%" testId="transfer-org" /></Form.Item>
        <Form.Item name="on" label={t('party.member.moveOn')} rules={req}><DatePicker style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="reason" label={t('party.member.moveReason')} rules={[{ required: true, whitespace: true, message: t('party.common.required') }]}><Input maxLength={200} placeholder={t('party.member.moveReasonPlaceholder')} /></Form.Item>
      </Form>
    </ActionModal>
  );
}

export function ArchiveMemberModal({ member, onClose, onDone }: { member: PartyMemberView; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const submit = async () => {
    const v = await form.validateFields();
    await partyApi.archiveMember(member.id, member.version, v.reason, ymd(v.on)!);
    onDone();
  };
  const req = [{ required: true, message: t('party.common.required') }];
  return (
    <ActionModal title={`${t('party.member.archive')} · ${member.name}`} open onClose={onClose} onOk={submit} width={480} testId="member-archive">
      <Form form={form} layout="vertical" preserve={false} initialValues={{ on: dayjs(), reason: 'transferredOut' }}>
        <Form.Item name="reason" label={t('party.member.leftReason')} rules={req}>
          <Select options={LEFT_REASONS.map((r) => ({ value: r, label: t(`party.leftReason.${r}`) }))} />
        </Form.Item>
        <Form.Item name="on" label={t('party.member.leftOn')} rules={req}><DatePicker style={{ width: '100%' }} /></Form.Item>
      </Form>
    </ActionModal>
  );
}
