// 三联系: leaders linked to a street, community or enterprise, with their contact visits; a contact
// not visited for long is marked. Create, log a visit, end.
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Descriptions, Drawer, Form, Input, Popconfirm, Segmented, Skeleton, Space, Switch, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, useApi } from '../../api/useApi';
import { useAuth } from '../../auth/AuthContext';
import { ActionModal } from '../../regions/ActionModal';
import { RegionPicker } from '../../regions/RegionPicker';
import { ErrorResult } from '../../shell/ErrorResult';
import { partyApi, type ContactTargetKind, type ContactView, type ContactVisit } from '../api';
import { FilterBar, InstitutionSelect, Labeled, ymd } from '../common';

/** A contact unvisited for this many days is marked (a quarter). */
const STALE_DAYS = 90;

function ContactFormModal({ onClose, onDone }: { onClose: () => void; onDone: (c: ContactView) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const kind = (Form.useWatch('targetKind', form) as ContactTargetKind | undefined) ?? 'region';
  const submit = async () => {
    const v = await form.validateFields();
    onDone(await partyApi.createContact({
      leaderName: v.leaderName.trim(), leaderPost: v.leaderPost?.trim() ?? '', targetKind: v.targetKind,
      ...(v.targetKind === 'region' ? { regionId: v.regionId } : { organizationId: v.organizationId }), fromOn: ymd(v.fromOn)!,
    }));
  };
  const req = [{ required: true, message: t('party.common.required') }];
  return (
    <ActionModal title={t('party.joint.createContact')} open onClose={onClose} onOk={submit} width={560} testId="contact-form">
      <Form form={form} layout="vertical" preserve={false} initialValues={{ targetKind: 'region', fromOn: dayjs() }}>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 12 }}>
          <Form.Item name="leaderName" label={t('party.joint.leaderName')} rules={[{ required: true, whitespace: true, message: t('party.common.required') }]}><Input maxLength={50} /></Form.Item>
          <Form.Item name="leaderPost" label={t('party.joint.leaderPost')}><Input maxLength={100} placeholder={t('party.joint.leaderPostPlaceholder')} /></Form.Item>
        </div>
        <Form.Item name="targetKind" label={t('party.joint.target')}>
          <Segmented options={(['region', 'organization'] as const).map((k) => ({ value: k, label: t(`party.joint.targetKind.${k}`) }))} />
        </Form.Item>
        {kind === 'region'
          ? <Form.Item name="regionId" label={t('party.joint.targetRegion')} rules={req}><RegionPicker /></Form.Item>
          : <Form.Item name="organizationId" label={t('party.joint.targetOrg')} rules={req}><InstitutionSelect width="100%" /></Form.Item>}
        <Form.Item name="fromOn" label={t('party.joint.fromOn')} rules={req}><DatePicker style={{ width: '100%' }} /></Form.Item>
      </Form>
    </ActionModal>
  );
}

function ContactDrawer({ id, onClose, onChanged }: { id: number | null; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const d = useApi(() => (id ? partyApi.contact(id) : Promise.resolve(undefined)), [id]);
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const c = d.data && d.data.id === id ? d.data : undefined;
  const writable = can('party.write') && c?.current;
  const add = async () => {
    if (!c) return;
    const v = await form.validateFields();
    setBusy(true);
    try { await partyApi.addVisit(c.id, { visitedOn: ymd(v.visitedOn)!, note: v.note ?? '', problems: v.problems ?? '' }); form.resetFields(); d.reload(); onChanged(); }
    catch (e) { message.error(errorMessage(e)); } finally { setBusy(false); }
  };
  const end = async () => {
    if (!c) return;
    try { await partyApi.endContact(c.id, c.version, dayjs().format('YYYY-MM-DD')); d.reload(); onChanged(); } catch (e) { message.error(errorMessage(e)); }
  };
  return (
    <Drawer open={id !== null} onClose={onClose} size={720} destroyOnHidden title={c ? `${c.leader.name} · ${c.organization?.name ?? c.region.name}` : t('common.loading')} data-testid="contact-drawer"
      extra={writable && <Popconfirm title={t('party.joint.endContactConfirm')} onConfirm={() => void end()}><Button danger>{t('party.joint.endContact')}</Button></Popconfirm>}>
      {d.error ? <ErrorResult error={d.error} /> : !c ? <Skeleton active /> : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Descriptions size="small" bordered column={2} items={[
            { key: 'leader', label: t('party.joint.leaderName'), children: c.leader.name },
            { key: 'post', label: t('party.joint.leaderPost'), children: c.leader.post || t('common.none') },
            { key: 'target', label: t('party.joint.target'), children: <Space size={4}><Tag>{t(`party.joint.targetKind.${c.targetKind}`)}</Tag>{c.organization?.name ?? c.region.name}</Space> },
            { key: 'period', label: t('party.joint.period'), children: `${c.fromOn} ~ ${c.toOn ?? t('party.joint.open')}` },
          ]} />
          {writable && (
            <Form form={form} layout="inline" style={{ rowGap: 8 }} initialValues={{ visitedOn: dayjs() }} data-testid="visit-add">
              <Form.Item name="visitedOn" rules={[{ required: true, message: t('party.common.required') }]}><DatePicker /></Form.Item>
              <Form.Item name="note" rules={[{ required: true, whitespace: true, message: t('party.common.required') }]}><Input placeholder={t('party.joint.visitNote')} style={{ width: 220 }} maxLength={2000} /></Form.Item>
              <Form.Item name="problems"><Input placeholder={t('party.joint.problems')} style={{ width: 200 }} maxLength={2000} /></Form.Item>
              <Form.Item style={{ marginInlineEnd: 0 }}><Button icon={<PlusOutlined />} loading={busy} onClick={() => void add()}>{t('party.joint.logVisit')}</Button></Form.Item>
            </Form>
          )}
          <Table<ContactVisit> size="small" rowKey="id" pagination={{ pageSize: 10, size: 'small', hideOnSinglePage: true }} dataSource={c.visits} locale={{ emptyText: t('party.joint.noVisits') }} columns={[
            { title: t('party.joint.visitedOn'), dataIndex: 'visitedOn', width: 110 },
            { title: t('party.joint.visitNote'), dataIndex: 'note' },
            { title: t('party.joint.problems'), dataIndex: 'problems', render: (v: string) => v || t('common.none') },
          ]} />
        </Space>
      )}
    </Drawer>
  );
}

export function ContactsTab({ regionId }: { regionId?: number }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [ended, setEnded] = useState(false);
  const [open, setOpen] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const [tick, setTick] = useState(0);
  const list = useApi(() => partyApi.contacts({ regionId, current: ended ? undefined : true }), [regionId, ended, tick]);
  if (list.error && list.error.status !== 400) return <ErrorResult error={list.error} onRetry={list.reload} />;
  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 12 }}>
        <FilterBar><Labeled label={t('party.joint.showEnded')}><Switch size="small" checked={ended} onChange={setEnded} /></Labeled></FilterBar>
        {can('party.write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="contact-create">{t('party.joint.createContact')}</Button>}
      </div>
      <Table<ContactView> size="small" rowKey="id" bordered loading={list.loading} dataSource={list.data?.items ?? []} data-testid="contacts-table"
        locale={{ emptyText: t('party.joint.noContacts') }}
        pagination={{ pageSize: 20, size: 'small', hideOnSinglePage: true, showTotal: (n) => t('common.total', { total: n }) }}
        columns={[
          { title: t('party.joint.leaderName'), width: 110, render: (_, c) => <Typography.Link onClick={() => setOpen(c.id)}>{c.leader.name}</Typography.Link> },
          { title: t('party.joint.leaderPost'), width: 160, ellipsis: true, render: (_, c) => c.leader.post || t('common.none') },
          { title: t('party.joint.target'), render: (_, c) => <Space size={4}><Tag>{t(`party.joint.targetKind.${c.targetKind}`)}</Tag>{c.organization?.name ?? c.region.name}</Space> },
          { title: t('party.joint.fromOn'), dataIndex: 'fromOn', width: 105 },
          { title: t('party.joint.visits'), dataIndex: 'visitCount', width: 70, align: 'right' },
          {
            title: t('party.joint.lastVisit'), width: 230, render: (_, c) => (
              <Space size={4}>
                <span style={{ whiteSpace: 'nowrap' }}>{c.lastVisitOn ?? t('party.joint.never')}</span>
                {c.current && c.daysSinceVisit !== null && c.daysSinceVisit > STALE_DAYS && <Tag color="orange">{t('party.joint.daysAgo', { n: c.daysSinceVisit })}</Tag>}
                {!c.current && <Tag>{t('party.joint.ended')}</Tag>}
              </Space>
            ),
          },
        ]} />
      <ContactDrawer id={open} onClose={() => setOpen(null)} onChanged={() => setTick((n) => n + 1)} />
      {creating && <ContactFormModal onClose={() => setCreating(false)} onDone={(c) => { setCreating(false); setTick((n) => n + 1); setOpen(c.id); }} />}
    </>
  );
}
