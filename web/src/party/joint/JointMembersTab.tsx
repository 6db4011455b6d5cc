// 大工委/大党委 兼职委员: the joint committees in view on the left; the chosen one's part-time members
// from resident institutions on the right, edited as one list and saved at once.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Empty, Input, List, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, useApi } from '../../api/useApi';
import { useAuth } from '../../auth/AuthContext';
import { partyApi, type JointMemberInput } from '../api';
import { day, InstitutionSelect, OrgKindTag, useOrgs, ymd } from '../common';

interface Row extends JointMemberInput { key: number; institutionName?: string; current?: boolean }

export function JointMembersTab({ regionId }: { regionId?: number }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const orgs = useOrgs(regionId);
  const joint = (orgs.data?.items ?? []).filter((o) => o.joint && !o.archivedAt);
  const [orgId, setOrgId] = useState<number | null>(null);
  // Another region: start again from its first joint committee.
  useEffect(() => { setOrgId(null); }, [regionId]);
  useEffect(() => { if (!orgId && joint.length) setOrgId(joint[0].id); }, [joint, orgId]);
  const members = useApi(() => (orgId ? partyApi.jointMembers(orgId) : Promise.resolve(undefined)), [orgId]);
  const [rows, setRows] = useState<Row[]>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setRows((members.data?.items ?? []).map((m) => ({ key: m.id, id: m.id, name: m.name, institutionId: m.institution?.id ?? null, institutionName: m.institution?.name, post: m.post, fromOn: m.fromOn, toOn: m.toOn, current: m.current })));
  }, [members.data]);
  const set = (key: number, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const writable = can('party.write');
  const save = async () => {
    if (!orgId) return;
    if (rows.some((r) => !r.name.trim())) { message.error(t('party.joint.nameRequired')); return; }
    setBusy(true);
    try {
      await partyApi.setJointMembers(orgId, rows.map(({ id, name, institutionId, post, fromOn, toOn }) => ({ ...(id ? { id } : {}), name: name.trim(), institutionId: institutionId ?? null, post: post.trim(), fromOn: fromOn ?? null, toOn: toOn ?? null })));
      message.success(t('common.success'));
      members.reload();
    } catch (e) { message.error(errorMessage(e)); } finally { setBusy(false); }
  };

  if (orgs.loading && !orgs.data) return <Skeleton active />;
  if (!joint.length) return <Empty description={t('party.joint.noJoint')} data-testid="joint-none" />;
  const org = joint.find((o) => o.id === orgId);
  return (
    <div style={{ display: 'flex', gap: 12, alignItems: 'flex-start' }}>
      <Card size="small" title={t('party.joint.committees')} style={{ width: 260, flex: 'none' }}>
        <List size="small" dataSource={joint} data-testid="joint-orgs" renderItem={(o) => (
          <List.Item onClick={() => setOrgId(o.id)} style={{ cursor: 'pointer', background: o.id === orgId ? '#fff1f0' : undefined, paddingInline: 8 }}>
            <Space size={6}><OrgKindTag kind={o.kind} /><span>{o.name}</span></Space>
          </List.Item>
        )} />
      </Card>
      <Card size="small" style={{ flex: 1, minWidth: 0 }} title={org ? `${org.name} · ${t('party.joint.partTime')}` : ''}
        extra={writable && (
          <Space>
            <Button icon={<PlusOutlined />} onClick={() => setRows((rs) => [...rs, { key: Date.now(), name: '', post: t('party.joint.defaultPost'), institutionId: null, fromOn: ymd(null), toOn: null }])} data-testid="joint-member-add">{t('party.joint.addMember')}</Button>
            <Button type="primary" loading={busy} onClick={() => void save()} data-testid="joint-members-save">{t('common.save')}</Button>
          </Space>
        )}>
        <Table<Row> size="small" rowKey="key" pagination={false} loading={members.loading} dataSource={rows} data-testid="joint-members" scroll={{ x: 820 }}
          locale={{ emptyText: t('party.joint.noMembers') }}
          columns={[
            { title: t('party.joint.name'), width: 110, render: (_, r) => (writable ? <Input value={r.name} maxLength={50} onChange={(e) => set(r.key, { name: e.target.value })} /> : r.name) },
            { title: t('party.joint.institution'), width: 190, render: (_, r) => (writable ? <InstitutionSelect value={r.institutionId} initial={r.institutionId ? { id: r.institutionId, name: r.institutionName ?? '' } : null} onChange={(id, name) => set(r.key, { institutionId: id, institutionName: name })} width="100%" /> : r.institutionName ?? t('common.none')) },
            { title: t('party.joint.post'), width: 110, render: (_, r) => (writable ? <Input value={r.post} maxLength={100} onChange={(e) => set(r.key, { post: e.target.value })} /> : r.post) },
            { title: t('party.joint.fromOn'), width: 140, render: (_, r) => (writable ? <DatePicker style={{ width: '100%' }} suffixIcon={null} value={day(r.fromOn)} onChange={(d) => set(r.key, { fromOn: ymd(d) })} /> : r.fromOn ?? t('common.none')) },
            { title: t('party.joint.toOn'), width: 140, render: (_, r) => (writable ? <DatePicker style={{ width: '100%' }} suffixIcon={null} value={day(r.toOn)} onChange={(d) => set(r.key, { toOn: ymd(d) })} /> : r.toOn ?? t('common.none')) },
            { title: t('party.joint.serving'), width: 64, render: (_, r) => (r.current === undefined ? <Typography.Text type="secondary">{t('party.joint.new')}</Typography.Text> : r.current ? <Tag color="green">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>) },
            ...(writable ? [{ title: '', width: 40, render: (_: unknown, r: Row) => <Button type="text" danger size="small" icon={<DeleteOutlined />} onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))} /> }] : []),
          ]} />
      </Card>
    </div>
  );
}
