// One registration: who registered where and since when, its history (earlier registrations of the
// same organization or member), posts, pledges and service hours; deregistration keeps the row.
import { Button, DatePicker, Descriptions, Drawer, Form, Input, Skeleton, Space, Table, Tabs, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/useApi';
import { useAuth } from '../../auth/AuthContext';
import { ActionModal } from '../../regions/ActionModal';
import { ErrorResult } from '../../shell/ErrorResult';
import { partyApi, type RegistrationDetail } from '../api';
import { ymd } from '../common';
import { PledgesList, PostsList, ServicesList } from './RegistrationItems';

function DeregisterModal({ reg, onClose, onDone }: { reg: RegistrationDetail; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const submit = async () => {
    const v = await form.validateFields();
    await partyApi.deregister(reg.id, ymd(v.on)!, v.reason.trim(), reg.version);
    onDone();
  };
  return (
    <ActionModal title={t('party.reg.deregister')} open onClose={onClose} onOk={submit} width={480} testId="deregister-modal">
      <Form form={form} layout="vertical" preserve={false} initialValues={{ on: dayjs() }}>
        <Form.Item name="on" label={t('party.reg.deregisteredOn')} rules={[{ required: true, message: t('party.common.required') }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="reason" label={t('party.reg.deregisterReason')} rules={[{ required: true, whitespace: true, message: t('party.common.required') }]}>
          <Input.TextArea rows={2} maxLength={500} placeholder={t('party.reg.deregisterPlaceholder')} />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}

export function RegistrationDrawer({ id, onClose, onChanged }: { id: number | null; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const detail = useApi(() => (id ? partyApi.registration(id) : Promise.resolve(undefined)), [id]);
  const [deregistering, setDeregistering] = useState(false);
  const r = detail.data && detail.data.id === id ? detail.data : undefined;
  const writable = can('party.write') && !!r?.active;
  const changed = () => { detail.reload(); onChanged(); };
  const none = t('common.none');
  const who = r ? (r.kind === 'member' ? r.member?.name : r.org?.name) : '';
  return (
    <Drawer open={id !== null} onClose={onClose} size={760} destroyOnHidden data-testid="registration-drawer"
      title={r ? <Space><Tag color={r.kind === 'member' ? 'blue' : 'red'}>{t(`party.reg.kind.${r.kind}`)}</Tag>{who}{!r.active && <Tag>{t('party.reg.deregistered')}</Tag>}</Space> : t('common.loading')}
      extra={writable && <Button danger onClick={() => setDeregistering(true)} data-testid="reg-deregister">{t('party.reg.deregister')}</Button>}>
      {detail.error ? <ErrorResult error={detail.error} onRetry={detail.reload} /> : !r ? <Skeleton active /> : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Descriptions size="small" bordered column={2} data-testid="reg-facts" items={[
            { key: 'community', label: t('party.reg.community'), children: r.community.name },
            { key: 'institution', label: t('party.reg.institution'), children: r.institution?.name ?? none },
            ...(r.member ? [{ key: 'mobile', label: t('party.member.mobile'), children: r.member.mobileMasked ?? none }] : []),
            { key: 'on', label: t('party.reg.registeredOn'), children: r.registeredOn },
            ...(r.deregisteredOn ? [
              { key: 'off', label: t('party.reg.deregisteredOn'), children: r.deregisteredOn },
              { key: 'why', label: t('party.reg.deregisterReason'), children: r.deregisterReason ?? none },
            ] : []),
            { key: 'hours', label: t('party.reg.serviceHours'), children: r.serviceHours },
            { key: 'pledges', label: t('party.reg.pledges'), children: t('party.reg.pledgeCounts', r.pledgeCounts) },
          ]} />
          <Tabs size="small" items={[
            { key: 'posts', label: `${t('party.reg.posts')} (${r.posts.length})`, children: <PostsList reg={r} writable={writable} onChanged={changed} /> },
            { key: 'pledges', label: `${t('party.reg.pledges')} (${r.pledges.length})`, children: <PledgesList reg={r} writable={writable} onChanged={changed} /> },
            { key: 'services', label: `${t('party.reg.services')} (${r.services.length})`, children: <ServicesList reg={r} writable={writable} onChanged={changed} /> },
            {
              key: 'history', label: `${t('party.reg.history')} (${r.history.length})`, children: (
                <Table size="small" rowKey="id" pagination={false} dataSource={r.history} data-testid="reg-history" columns={[
                  { title: t('party.reg.community'), render: (_, h) => <Space>{h.community.name}{h.id === r.id && <Tag color="blue">{t('party.reg.thisOne')}</Tag>}</Space> },
                  { title: t('party.reg.registeredOn'), dataIndex: 'registeredOn', width: 110 },
                  { title: t('party.reg.deregisteredOn'), dataIndex: 'deregisteredOn', width: 110, render: (v: string | null) => v ?? <Tag color="green">{t('party.reg.active')}</Tag> },
                  { title: t('party.reg.deregisterReason'), dataIndex: 'deregisterReason', render: (v: string | null) => v ?? none },
                ]} />
              ),
            },
          ]} />
        </Space>
      )}
      {r && deregistering && <DeregisterModal reg={r} onClose={() => setDeregistering(false)} onDone={() => { setDeregistering(false); changed(); }} />}
    </Drawer>
  );
}
