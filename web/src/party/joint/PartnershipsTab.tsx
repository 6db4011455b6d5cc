// 结对共建: partnership agreements (a community organization with a resident institution and its
// organization), their terms and dates, and the activity log in a drawer.
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, Popconfirm, Skeleton, Space, Switch, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, useApi } from '../../api/useApi';
import { useAuth } from '../../auth/AuthContext';
import { ActionModal } from '../../regions/ActionModal';
import { ErrorResult } from '../../shell/ErrorResult';
import { partyApi, type PartnershipActivity, type PartnershipStatus, type PartnershipView } from '../api';
import { FilterBar, InstitutionSelect, Labeled, OrgSelect, ymd } from '../common';

const STATUS_COLOR: Record<PartnershipStatus, string> = { upcoming: 'blue', active: 'green', ended: 'default', archived: 'default' };

function PartnershipFormModal({ regionId, onClose, onDone }: { regionId?: number; onClose: () => void; onDone: (p: PartnershipView) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const submit = async () => {
    const v = await form.validateFields();
    onDone(await partyApi.createPartnership({
      orgId: v.orgId, institutionId: v.institutionId, partnerOrgId: v.partnerOrgId ?? null, title: v.title.trim(), terms: v.terms ?? '',
      startOn: ymd(v.startOn)!, endOn: ymd(v.endOn),
    }));
  };
  const req = [{ required: true, message: t('party.common.required') }];
  return (
    <ActionModal title={t('party.joint.createPartnership')} open onClose={onClose} onOk={submit} width={640} testId="partnership-form">
      <Form form={form} layout="vertical" preserve={false} initialValues={{ startOn: dayjs() }}>
        <Form.Item name="title" label={t('party.joint.agreement')} rules={[{ required: true, whitespace: true, message: t('party.common.required') }]}><Input maxLength={200} /></Form.Item>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 12 }}>
          <Form.Item name="orgId" label={t('party.joint.ourOrg')} rules={req}><OrgSelect regionId={regionId} width="100%" /></Form.Item>
          <Form.Item name="institutionId" label={t('party.joint.institution')} rules={req}><InstitutionSelect width="100%" /></Form.Item>
          <Form.Item name="partnerOrgId" label={t('party.joint.partnerOrg')} extra={t('party.joint.partnerOrgHint')}><OrgSelect width="100%" filter={(o) => o.attachKind === 'institution'} /></Form.Item>
          <div />
          <Form.Item name="startOn" label={t('party.joint.startOn')} rules={req}><DatePicker style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="endOn" label={t('party.joint.endOn')}><DatePicker style={{ width: '100%' }} /></Form.Item>
        </div>
        <Form.Item name="terms" label={t('party.joint.terms')}><Input.TextArea rows={4} maxLength={5000} placeholder={t('party.joint.termsPlaceholder')} /></Form.Item>
      </Form>
    </ActionModal>
  );
}

function PartnershipDrawer({ id, onClose, onChanged }: { id: number | null; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const d = useApi(() => (id ? partyApi.partnership(id) : Promise.resolve(undefined)), [id]);
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const p = d.data && d.data.id === id ? d.data : undefined;
  const writable = can('party.write') && p && !p.archivedAt;
  const add = async () => {
    if (!p) return;
    const v = await form.validateFields();
    setBusy(true);
    try {
      await partyApi.addActivity(p.id, { heldOn: ymd(v.heldOn)!, title: v.title.trim(), note: v.note ?? '', participants: v.participants ?? 0 });
      form.resetFields(); d.reload(); onChanged();
    } catch (e) { message.error(errorMessage(e)); } finally { setBusy(false); }
  };
  const archive = async () => {
    if (!p) return;
    try { await partyApi.archivePartnership(p.id, p.version); d.reload(); onChanged(); } catch (e) { message.error(errorMessage(e)); }
  };
  return (
    <Drawer open={id !== null} onClose={onClose} size={760} destroyOnHidden title={p?.title ?? t('common.loading')} data-testid="partnership-drawer"
      extra={writable && <Popconfirm title={t('party.joint.archivePartnershipConfirm')} onConfirm={() => void archive()}><Button danger>{t('party.joint.archivePartnership')}</Button></Popconfirm>}>
      {d.error ? <ErrorResult error={d.error} /> : !p ? <Skeleton active /> : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Descriptions size="small" bordered column={2} items={[
            { key: 'org', label: t('party.joint.ourOrg'), children: p.org.name },
            { key: 'inst', label: t('party.joint.institution'), children: p.institution.name },
            { key: 'partner', label: t('party.joint.partnerOrg'), children: p.partnerOrg?.name ?? t('common.none') },
            { key: 'status', label: t('party.joint.status'), children: <Tag color={STATUS_COLOR[p.status]}>{t(`party.joint.pstatus.${p.status}`)}</Tag> },
            { key: 'period', label: t('party.joint.period'), children: `${p.startOn} ~ ${p.endOn ?? t('party.joint.open')}` },
            { key: 'acts', label: t('party.joint.activities'), children: t('party.joint.activitySummary', { n: p.activityCount, people: p.participants }) },
            { key: 'terms', label: t('party.joint.terms'), span: 2, children: <span style={{ whiteSpace: 'pre-wrap' }}>{p.terms || t('common.none')}</span> },
          ]} />
          <Typography.Title level={5} style={{ margin: 0 }}>{t('party.joint.activityLog')}</Typography.Title>
          {writable && (
            <Form form={form} layout="inline" style={{ rowGap: 8 }} initialValues={{ heldOn: dayjs() }} data-testid="activity-add">
              <Form.Item name="heldOn" rules={[{ required: true, message: t('party.common.required') }]}><DatePicker /></Form.Item>
              <Form.Item name="title" rules={[{ required: true, whitespace: true, message: t('party.common.required') }]}><Input placeholder={t('party.joint.activityTitle')} style={{ width: 170 }} maxLength={200} /></Form.Item>
              <Form.Item name="participants"><InputNumber min={0} max={100000} placeholder={t('party.joint.participants')} style={{ width: 96 }} /></Form.Item>
              <Form.Item name="note"><Input placeholder={t('party.joint.activityNote')} style={{ width: 150 }} maxLength={2000} /></Form.Item>
              <Form.Item style={{ marginInlineEnd: 0 }}><Button icon={<PlusOutlined />} loading={busy} onClick={() => void add()}>{t('party.common.add')}</Button></Form.Item>
            </Form>
          )}
          <Table<PartnershipActivity> size="small" rowKey="id" pagination={{ pageSize: 10, size: 'small', hideOnSinglePage: true }} dataSource={p.activities} locale={{ emptyText: t('party.joint.noActivities') }} columns={[
            { title: t('party.joint.heldOn'), dataIndex: 'heldOn', width: 110 },
            { title: t('party.joint.activityTitle'), dataIndex: 'title' },
            { title: t('party.joint.participants'), dataIndex: 'participants', width: 90, align: 'right' },
            { title: t('party.joint.activityNote'), dataIndex: 'note', ellipsis: true },
          ]} />
        </Space>
      )}
    </Drawer>
  );
}

export function PartnershipsTab({ regionId }: { regionId?: number }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [archived, setArchived] = useState(false);
  const [open, setOpen] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const [tick, setTick] = useState(0);
  const list = useApi(() => partyApi.partnerships({ regionId, includeArchived: archived || undefined }), [regionId, archived, tick]);
  if (list.error && list.error.status !== 400) return <ErrorResult error={list.error} onRetry={list.reload} />;
  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 12 }}>
        <FilterBar><Labeled label={t('party.joint.showArchived')}><Switch size="small" checked={archived} onChange={setArchived} /></Labeled></FilterBar>
        {can('party.write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="partnership-create">{t('party.joint.createPartnership')}</Button>}
      </div>
      <Table<PartnershipView> size="small" rowKey="id" bordered loading={list.loading} dataSource={list.data?.items ?? []} data-testid="partnerships-table"
        locale={{ emptyText: t('party.joint.noPartnerships') }} scroll={{ x: 1000 }}
        pagination={{ pageSize: 20, size: 'small', hideOnSinglePage: true, showTotal: (n) => t('common.total', { total: n }) }}
        columns={[
          { title: t('party.joint.agreement'), dataIndex: 'title', render: (v: string, p) => <Typography.Link onClick={() => setOpen(p.id)}>{v}</Typography.Link> },
          { title: t('party.joint.ourOrg'), width: 180, ellipsis: true, render: (_, p) => p.org.name },
          { title: t('party.joint.institution'), width: 180, ellipsis: true, render: (_, p) => p.institution.name },
          { title: t('party.joint.period'), width: 190, render: (_, p) => `${p.startOn} ~ ${p.endOn ?? t('party.joint.open')}` },
          { title: t('party.joint.status'), dataIndex: 'status', width: 80, render: (s: PartnershipStatus) => <Tag color={STATUS_COLOR[s]}>{t(`party.joint.pstatus.${s}`)}</Tag> },
          { title: t('party.joint.activities'), dataIndex: 'activityCount', width: 70, align: 'right' },
          { title: t('party.joint.lastActivity'), dataIndex: 'lastActivityOn', width: 110, render: (v: string | null) => v ?? t('common.none') },
        ]} />
      <PartnershipDrawer id={open} onClose={() => setOpen(null)} onChanged={() => setTick((n) => n + 1)} />
      {creating && <PartnershipFormModal regionId={regionId} onClose={() => setCreating(false)} onDone={(p) => { setCreating(false); setTick((n) => n + 1); setOpen(p.id); }} />}
    </>
  );
}
