// 中心户名单: liaison households with their party group leaders, each with the number of
// households it links and whether that is in range; group leaders with their loads above.
import { App, Button, Card, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, useApi } from '../../api/useApi';
import { useAuth } from '../../auth/AuthContext';
import { ErrorResult } from '../../shell/ErrorResult';
import { partyApi, type LiaisonView, type PartyRules } from '../api';
import { Labeled, MemberSelect } from '../common';
import { LeaderModal } from './LiaisonFormModal';
import { RangeTag } from './RangeTag';

interface LeaderRow { id: number; name: string; count: number; households: number }

export function LiaisonList({ regionId, rules }: { regionId?: number; rules?: PartyRules }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [leader, setLeader] = useState<number | null>(null);
  const [editing, setEditing] = useState<LiaisonView | null>(null);
  const list = useApi(() => partyApi.liaisons({ regionId, leaderMemberId: leader ?? undefined }), [regionId, leader]);
  if (list.error) return <ErrorResult error={list.error} onRetry={list.reload} />;
  const items = list.data?.items ?? [];
  const leaders = [...items.reduce((m, l) => {
    if (!l.leader) return m;
    const r = m.get(l.leader.id) ?? { id: l.leader.id, name: l.leader.name, count: 0, households: 0 };
    r.count += 1;
    r.households += l.linkedCount;
    return m.set(l.leader.id, r);
  }, new Map<number, LeaderRow>()).values()];
  const noLeader = items.filter((l) => !l.leader).length;
  const archive = async (l: LiaisonView) => {
    try { await partyApi.archiveLiaison(l.id, l.version); message.success(t('common.success')); list.reload(); } catch (e) { message.error(errorMessage(e)); }
  };
  const lr = rules?.liaisonsPerLeader;
  const hr = rules?.householdsPerLiaison;

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small" title={t('party.links.leadersTitle')} extra={noLeader > 0 && <Tag color="orange">{t('party.links.noLeaderN', { n: noLeader })}</Tag>}>
        <Table<LeaderRow> size="small" rowKey="id" pagination={{ pageSize: 8, size: 'small', hideOnSinglePage: true }} dataSource={leaders} data-testid="leaders-table"
          locale={{ emptyText: t('party.links.noLeaders') }}
          columns={[
            { title: t('party.links.leader'), dataIndex: 'name', render: (v: string, r) => <Typography.Link onClick={() => setLeader(r.id)}>{v}</Typography.Link> },
            { title: t('party.links.liaisonCount'), dataIndex: 'count', width: 110, align: 'right' },
            { title: t('party.links.rangeCol'), width: 170, render: (_, r) => (lr ? <RangeTag count={r.count} min={lr.min} max={lr.max} /> : null) },
            { title: t('party.links.householdsReached'), dataIndex: 'households', width: 120, align: 'right' },
          ]} />
      </Card>
      <Card size="small" title={t('party.links.liaisonsTitle')}
        extra={<Labeled label={t('party.links.leader')}><MemberSelect value={leader} onChange={(id) => setLeader(id)} placeholder={t('common.all')} width={200} testId="liaisons-filter-leader" /></Labeled>}>
        <Table<LiaisonView> size="small" rowKey="id" bordered loading={list.loading} dataSource={items} data-testid="liaisons-table" scroll={{ x: 1050 }}
          pagination={{ pageSize: 20, size: 'small', showTotal: (n) => t('common.total', { total: n }) }}
          locale={{ emptyText: t('party.links.noLiaisons') }}
          columns={[
            { title: t('party.links.liaisonMember'), width: 100, render: (_, l) => l.member.name },
            { title: t('party.links.liaisonHousehold'), render: (_, l) => <Space size={4}><b>{l.household.number}</b><Typography.Text type="secondary" ellipsis style={{ maxWidth: 260 }}>{l.household.address}</Typography.Text></Space> },
            { title: t('party.common.region'), width: 130, ellipsis: true, render: (_, l) => l.region.name },
            { title: t('party.links.leader'), width: 100, render: (_, l) => l.leader?.name ?? <Typography.Text type="secondary">{t('party.links.noLeader')}</Typography.Text> },
            { title: t('party.links.linkedCount'), dataIndex: 'linkedCount', width: 90, align: 'right' },
            { title: t('party.links.rangeCol'), width: 170, render: (_, l) => (hr ? <RangeTag count={l.linkedCount} min={hr.min} max={hr.max} state={l.rangeState} /> : l.inRange ? <Tag color="green">OK</Tag> : <Tag color="orange">!</Tag>) },
            {
              title: t('common.actions'), width: 190, render: (_, l) => (
                <Space size={0}>
                  {can('party.write') && <Button type="link" size="small" onClick={() => setEditing(l)}>{t('party.links.setLeader')}</Button>}
                  {can('party.write') && (
                    <Popconfirm title={t('party.links.archiveConfirm', { name: l.member.name })} onConfirm={() => void archive(l)} okButtonProps={{ danger: true }}>
                      <Button type="link" size="small" danger>{t('party.links.archive')}</Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]} />
      </Card>
      {editing && <LeaderModal liaison={editing} onClose={() => setEditing(null)} onDone={() => { setEditing(null); list.reload(); }} />}
    </Space>
  );
}
