// The three lists a registration carries: pioneer posts (党员先锋岗), pledges (承诺事项) with their
// status, and service records (hours), each with a small add form for those who may write.
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Empty, Form, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/useApi';
import { partyApi, type PioneerPost, type Pledge, type RegistrationDetail, type ServiceRecord } from '../api';
import { ymd } from '../common';
import { PledgeModal } from './PledgeModal';

const STATUS_COLOR = { pending: 'gold', kept: 'green', missed: 'red' } as const;

/** A one-line add form: runs `add`, resets, tells the parent to reload. */
function AddForm({ fields, add, onDone, testId }: { fields: React.ReactNode; add: (v: Record<string, unknown>) => Promise<unknown>; onDone: () => void; testId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try { await add(v); form.resetFields(); onDone(); message.success(t('common.success')); } catch (e) { message.error(errorMessage(e)); } finally { setBusy(false); }
  };
  return (
    <Form form={form} layout="inline" style={{ rowGap: 8, marginBottom: 8 }} data-testid={testId} initialValues={{ on: dayjs() }}>
      {fields}
      <Form.Item style={{ marginInlineEnd: 0 }}><Button icon={<PlusOutlined />} loading={busy} onClick={() => void submit()} data-testid={`${testId}-submit`}>{t('party.common.add')}</Button></Form.Item>
    </Form>
  );
}

export function PostsList({ reg, writable, onChanged }: { reg: RegistrationDetail; writable: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const req = [{ required: true, whitespace: true, message: t('party.common.required') }];
  return (
    <>
      {writable && (
        <AddForm testId="post-add" onDone={onChanged} add={(v) => partyApi.addPost(reg.id, String(v.title).trim(), String(v.duty ?? '').trim())} fields={(
          <>
            <Form.Item name="title" rules={req}><Input placeholder={t('party.reg.postTitle')} style={{ width: 180 }} maxLength={100} /></Form.Item>
            <Form.Item name="duty"><Input placeholder={t('party.reg.postDuty')} style={{ width: 280 }} maxLength={2000} /></Form.Item>
          </>
        )} />
      )}
      <Table<PioneerPost> size="small" rowKey="id" pagination={false} dataSource={reg.posts} data-testid="reg-posts"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('party.reg.noPosts')} /> }}
        columns={[
          { title: t('party.reg.postTitle'), dataIndex: 'title', width: 200 },
          { title: t('party.reg.postDuty'), dataIndex: 'duty', render: (v: string) => v || t('common.none') },
        ]} />
    </>
  );
}

export function PledgesList({ reg, writable, onChanged }: { reg: RegistrationDetail; writable: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Pledge | null>(null);
  const req = [{ required: true, message: t('party.common.required') }];
  return (
    <>
      {writable && (
        <AddForm testId="pledge-add" onDone={onChanged} add={(v) => partyApi.addPledge(reg.id, String(v.title).trim(), ymd(v.dueOn as dayjs.Dayjs)!)} fields={(
          <>
            <Form.Item name="title" rules={[{ required: true, whitespace: true, message: t('party.common.required') }]}><Input placeholder={t('party.reg.pledgeTitle')} style={{ width: 260 }} maxLength={200} /></Form.Item>
            <Form.Item name="dueOn" rules={req}><DatePicker placeholder={t('party.reg.dueOn')} /></Form.Item>
          </>
        )} />
      )}
      <Table<Pledge> size="small" rowKey="id" pagination={false} dataSource={reg.pledges} data-testid="reg-pledges"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('party.reg.noPledges')} /> }}
        columns={[
          { title: t('party.reg.pledgeTitle'), dataIndex: 'title' },
          { title: t('party.reg.dueOn'), dataIndex: 'dueOn', width: 105 },
          {
            title: t('party.reg.pledgeStatus'), dataIndex: 'status', width: 150, render: (s: Pledge['status'], p) => (
              <Space size={4}>
                <Tag color={STATUS_COLOR[s]} style={{ marginInlineEnd: 0 }}>{t(`party.reg.pledgeState.${s}`)}</Tag>
                {p.overdue && <Tag color="red" style={{ marginInlineEnd: 0 }}>{t('party.reg.overdue')}</Tag>}
                {p.late && <Tag style={{ marginInlineEnd: 0 }}>{t('party.reg.late')}</Tag>}
              </Space>
            ),
          },
          { title: t('party.reg.fulfilledOn'), dataIndex: 'fulfilledOn', width: 105, render: (v: string | null) => v ?? t('common.none') },
          { title: t('party.reg.evidence'), dataIndex: 'evidence', ellipsis: true, render: (v: string) => v || <Typography.Text type="secondary">{t('common.none')}</Typography.Text> },
          ...(writable ? [{ title: '', width: 70, render: (_: unknown, p: Pledge) => <Button type="link" size="small" onClick={() => setEditing(p)} data-testid={`pledge-edit-${p.id}`}>{t('party.reg.pledgeUpdateShort')}</Button> }] : []),
        ]} />
      {editing && <PledgeModal pledge={editing} onClose={() => setEditing(null)} onDone={() => { setEditing(null); onChanged(); }} />}
    </>
  );
}

export function ServicesList({ reg, writable, onChanged }: { reg: RegistrationDetail; writable: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const total = reg.services.reduce((s, x) => s + Number(x.hours), 0);
  return (
    <>
      {writable && (
        <AddForm testId="service-add" onDone={onChanged}
          add={(v) => partyApi.addService(reg.id, { servedOn: ymd(v.on as dayjs.Dayjs)!, hours: Number(v.hours), activity: String(v.activity).trim() })} fields={(
            <>
              <Form.Item name="on" rules={[{ required: true, message: t('party.common.required') }]}><DatePicker /></Form.Item>
              <Form.Item name="hours" rules={[{ required: true, message: t('party.common.required') }]}><InputNumber min={0.1} max={24} step={0.5} precision={1} placeholder={t('party.reg.hours')} style={{ width: 110 }} /></Form.Item>
              <Form.Item name="activity" rules={[{ required: true, whitespace: true, message: t('party.common.required') }]}><Input placeholder={t('party.reg.activity')} style={{ width: 240 }} maxLength={500} /></Form.Item>
            </>
          )} />
      )}
      <Table<ServiceRecord> size="small" rowKey="id" pagination={{ pageSize: 10, size: 'small', hideOnSinglePage: true }} dataSource={reg.services} data-testid="reg-services"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('party.reg.noServices')} /> }}
        summary={() => reg.services.length ? (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}><b>{t('party.reg.totalHours')}</b></Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right"><b>{Math.round(total * 10) / 10}</b></Table.Summary.Cell>
            <Table.Summary.Cell index={2} />
          </Table.Summary.Row>
        ) : null}
        columns={[
          { title: t('party.reg.servedOn'), dataIndex: 'servedOn', width: 110 },
          { title: t('party.reg.hours'), dataIndex: 'hours', width: 80, align: 'right' },
          { title: t('party.reg.activity'), dataIndex: 'activity' },
        ]} />
    </>
  );
}
