// 承诺兑现: mark a pledge kept (the day and the evidence), missed (after its due day), or back to
// pending to correct a mistake. The server checks the transition and the dates.
import { DatePicker, Form, Input, Segmented } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ActionModal } from '../../regions/ActionModal';
import { partyApi, type Pledge, type PledgeStatus } from '../api';
import { day, ymd } from '../common';

const NEXT: Record<PledgeStatus, PledgeStatus[]> = { pending: ['kept', 'missed', 'pending'], kept: ['kept', 'pending'], missed: ['pending'] };

export function PledgeModal({ pledge, onClose, onDone }: { pledge: Pledge; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const status = (Form.useWatch('status', form) as PledgeStatus | undefined) ?? NEXT[pledge.status][0];
  const submit = async () => {
    const v = await form.validateFields();
    await partyApi.updatePledge(pledge.id, pledge.version, {
      status: v.status,
      ...(v.status === 'kept' ? { fulfilledOn: ymd(v.fulfilledOn), evidence: v.evidence?.trim() ?? '' } : {}),
    });
    onDone();
  };
  const req = [{ required: true, message: t('party.common.required') }];
  return (
    <ActionModal title={`${t('party.reg.pledgeUpdate')} · ${pledge.title}`} open onClose={onClose} onOk={submit} width={520} testId="pledge-modal">
      <Form form={form} layout="vertical" preserve={false}
        initialValues={{ status: NEXT[pledge.status][0], fulfilledOn: day(pledge.fulfilledOn) ?? dayjs(), evidence: pledge.evidence }}>
        <Form.Item label={t('party.reg.dueOn')}>{pledge.dueOn}</Form.Item>
        <Form.Item name="status" label={t('party.reg.pledgeStatus')}>
          <Segmented options={NEXT[pledge.status].map((s) => ({ value: s, label: t(`party.reg.pledgeState.${s}`) }))} data-testid="pledge-status" />
        </Form.Item>
        {status === 'kept' && (
          <>
            <Form.Item name="fulfilledOn" label={t('party.reg.fulfilledOn')} rules={req}><DatePicker style={{ width: '100%' }} /></Form.Item>
            <Form.Item name="evidence" label={t('party.reg.evidence')} rules={[{ required: true, whitespace: true, message: t('party.reg.evidenceRequired') }]}>
              <Input.TextArea rows={3} maxLength={2000} data-testid="pledge-evidence" />
            </Form.Item>
          </>
        )}
        {status === 'missed' && <div style={{ color: '#8c8c8c' }}>{t('party.reg.missedHint')}</div>}
      </Form>
    </ActionModal>
  );
}
