// 联席会议: the joint meetings in view with attendance and decided items done; a drawer shows the
// minutes and the full lists; record and amend for those who may write.
import { PlusOutlined } from '@ant-design/icons';
import { Button, Descriptions, Drawer, Progress, Skeleton, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/useApi';
import { useAuth } from '../../auth/AuthContext';
import { ErrorResult } from '../../shell/ErrorResult';
import { partyApi, type MeetingListItem, type MeetingView } from '../api';
import { FilterBar, Labeled, OrgSelect, pct } from '../common';
import { MeetingFormModal } from './MeetingFormModal';

const when = (s: string) => dayjs(s).format('YYYY-MM-DD HH:mm');

function MeetingDrawer({ id, onClose, onEdit }: { id: number | null; onClose: () => void; onEdit: (m: MeetingView) => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const m = useApi(() => (id ? partyApi.meeting(id) : Promise.resolve(undefined)), [id]);
  const v = m.data && m.data.id === id ? m.data : undefined;
  return (
    <Drawer open={id !== null} onClose={onClose} size={720} destroyOnHidden title={v?.title ?? t('common.loading')} data-testid="meeting-drawer"
      extra={v && can('party.write') && <Button onClick={() => onEdit(v)}>{t('common.edit')}</Button>}>
      {m.error ? <ErrorResult error={m.error} /> : !v ? <Skeleton active /> : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Descriptions size="small" bordered column={2} items={[
            { key: 'org', label: t('party.joint.committee'), children: v.org.name },
            { key: 'at', label: t('party.joint.heldAt'), children: when(v.heldAt) },
            { key: 'place', label: t('party.joint.place'), children: v.place || t('common.none') },
            { key: 'rate', label: t('party.joint.attendanceRate'), children: `${v.attendanceRate.present}/${v.attendanceRate.total}（${pct(v.attendanceRate.rate)}）` },
          ]} />
          <Typography.Title level={5}>{t('party.joint.attendance')}</Typography.Title>
          <Space size={[6, 6]} wrap>{v.attendance.map((a, i) => <Tag key={i} color={a.present ? 'green' : 'default'}>{a.name}{a.note ? ` · ${a.note}` : ''}{a.present ? '' : `（${t('party.joint.absent')}）`}</Tag>)}</Space>
          <Typography.Title level={5}>{t('party.joint.minutes')}</Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', background: '#fafafa', padding: 8, borderRadius: 4 }}>{v.minutes || t('party.joint.noMinutes')}</Typography.Paragraph>
          <Typography.Title level={5}>{t('party.joint.decisions')}</Typography.Title>
          <Table size="small" rowKey={(_, i) => String(i)} pagination={false} dataSource={v.decisions} locale={{ emptyText: t('party.joint.noDecisions') }} columns={[
            { title: t('party.joint.item'), dataIndex: 'item' },
            { title: t('party.joint.owner'), dataIndex: 'owner', width: 120 },
            { title: t('party.joint.dueOn'), dataIndex: 'dueOn', width: 110, render: (x: string | null) => x ?? t('common.none') },
            { title: t('party.joint.done'), dataIndex: 'done', width: 80, render: (d: boolean) => (d ? <Tag color="green">{t('party.joint.doneYes')}</Tag> : <Tag color="gold">{t('party.joint.doneNo')}</Tag>) },
          ]} />
        </Space>
      )}
    </Drawer>
  );
}

export function MeetingsTab({ regionId }: { regionId?: number }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [orgId, setOrgId] = useState<number>();
  const [open, setOpen] = useState<number | null>(null);
  const [editing, setEditing] = useState<MeetingView | 'new' | null>(null);
  const [tick, setTick] = useState(0);
  const list = useApi(() => partyApi.meetings({ regionId, orgId }), [regionId, orgId, tick]);
  if (list.error && list.error.status !== 400) return <ErrorResult error={list.error} onRetry={list.reload} />;
  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 12 }}>
        <FilterBar>
          <Labeled label={t('party.joint.committee')}><OrgSelect value={orgId} onChange={(v) => setOrgId(v ?? undefined)} regionId={regionId} filter={(o) => o.joint} placeholder={t('common.all')} /></Labeled>
        </FilterBar>
        {can('party.write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="meeting-create">{t('party.joint.createMeeting')}</Button>}
      </div>
      <Table<MeetingListItem> size="small" rowKey="id" bordered loading={list.loading} dataSource={list.data?.items ?? []} data-testid="meetings-table"
        locale={{ emptyText: t('party.joint.noMeetings') }}
        pagination={{ pageSize: 20, size: 'small', hideOnSinglePage: true, showTotal: (n) => t('common.total', { total: n }) }}
        columns={[
          { title: t('party.joint.heldAt'), dataIndex: 'heldAt', width: 140, render: when },
          { title: t('party.joint.meetingTitle'), dataIndex: 'title', render: (v: string, m) => <Typography.Link onClick={() => setOpen(m.id)}>{v}</Typography.Link> },
          { title: t('party.joint.committee'), width: 200, ellipsis: true, render: (_, m) => m.org.name },
          { title: t('party.joint.place'), dataIndex: 'place', width: 140, ellipsis: true },
          { title: t('party.joint.attendanceRate'), width: 160, render: (_, m) => <Space size={6}><span>{m.attendanceRate.present}/{m.attendanceRate.total}</span>{m.attendanceRate.rate !== null && <Progress percent={Math.round(m.attendanceRate.rate * 100)} size="small" style={{ width: 70, margin: 0 }} showInfo={false} />}</Space> },
          { title: t('party.joint.decisionsDone'), width: 110, align: 'right', render: (_, m) => `${m.decisionsDone}/${m.decisions.length}` },
        ]} />
      <MeetingDrawer id={open} onClose={() => setOpen(null)} onEdit={(m) => { setOpen(null); setEditing(m); }} />
      {editing && <MeetingFormModal meeting={editing === 'new' ? null : editing} regionId={regionId} defaultOrgId={orgId} onClose={() => setEditing(null)}
        onDone={(m) => { setEditing(null); setTick((n) => n + 1); setOpen(m.id); }} />}
    </>
  );
}
