// One party member: facts, the membership history (每次组织关系变动), and the actions
// edit / transfer / archive for those who may write.
import { Button, Descriptions, Drawer, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApi } from '../../api/useApi';
import { useAuth } from '../../auth/AuthContext';
import { ErrorResult } from '../../shell/ErrorResult';
import { partyApi, type MembershipRow } from '../api';
import { MemberKindTag } from '../common';
import { MemberFormModal } from './MemberFormModal';
import { ArchiveMemberModal, TransferModal } from './MemberMoves';
import { MobileCell } from './MobileCell';

export function MemberDrawer({ memberId, regionId, onClose, onChanged }: { memberId: number | null; regionId?: number; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const detail = useApi(() => (memberId ? partyApi.member(memberId) : Promise.resolve(undefined)), [memberId]);
  const [modal, setModal] = useState<'edit' | 'transfer' | 'archive' | null>(null);
  const m = detail.data && detail.data.id === memberId ? detail.data : undefined;
  const done = () => { setModal(null); detail.reload(); onChanged(); };
  const none = t('common.none');
  const writable = can('party.write') && m && !m.archivedAt;
  return (
    <Drawer open={memberId !== null} onClose={onClose} size={720} destroyOnHidden data-testid="member-drawer"
      title={m ? <Space>{m.name}<MemberKindTag kind={m.kind} />{m.archivedAt && <Tag>{t(`party.leftReason.${m.leftReason ?? 'other'}`)}</Tag>}</Space> : t('common.loading')}
      extra={writable && (
        <Space>
          <Button onClick={() => setModal('edit')} data-testid="member-edit">{t('common.edit')}</Button>
          <Button onClick={() => setModal('transfer')} data-testid="member-transfer-open">{t('party.member.transfer')}</Button>
          <Button danger onClick={() => setModal('archive')} data-testid="member-archive-open">{t('party.member.archive')}</Button>
        </Space>
      )}>
      {detail.error ? <ErrorResult error={detail.error} onRetry={detail.reload} /> : !m ? <Skeleton active /> : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions size="small" bordered column={2} data-testid="member-facts" items={[
            { key: 'gender', label: t('party.member.gender'), children: t(`party.gender.${m.gender}`, { defaultValue: m.gender }) },
            { key: 'birth', label: t('party.member.birthDate'), children: m.birthDate ?? none },
            { key: 'mobile', label: t('party.member.mobile'), children: <MobileCell memberId={m.id} masked={m.mobileMasked} /> },
            { key: 'standing', label: t('party.member.standing'), children: t(`party.standing.${m.standing}`, { defaultValue: m.standing }) },
            { key: 'org', label: t('party.member.org'), children: m.org.name },
            { key: 'joined', label: t('party.member.joinedPartyOn'), children: m.joinedPartyOn ?? none },
            { key: 'resident', label: t('party.member.resident'), children: m.resident ? <Link to={`/residents/${m.resident.id}`}>{m.resident.name}</Link> : <Typography.Text type="secondary">{t('party.member.noResident')}</Typography.Text> },
            { key: 'region', label: t('party.member.region'), children: m.region?.name ?? none },
            { key: 'employer', label: t('party.member.employer'), children: [m.institution?.name, m.employer].filter(Boolean).join(' · ') || none },
            { key: 'skills', label: t('party.member.skills'), children: m.skills.length ? m.skills.map((s) => <Tag key={s}>{s}</Tag>) : none },
            ...(m.posts?.length ? [{ key: 'posts', label: t('party.member.posts'), span: 2, children: m.posts.map((p) => <Tag key={`${p.org.id}-${p.role}`} color="red">{p.org.name} · {t(`party.officerRole.${p.role}`, { defaultValue: p.roleLabel })}</Tag>) }] : []),
          ]} />
          <div>
            <Typography.Title level={5}>{t('party.member.history')}</Typography.Title>
            <Table<MembershipRow> size="small" rowKey={(r) => `${r.org.id}-${r.fromOn}`} pagination={false} dataSource={m.history ?? []} data-testid="member-history"
              locale={{ emptyText: t('party.member.noHistory') }}
              columns={[
                { title: t('party.member.org'), render: (_, r) => <Space>{r.org.name}{!r.toOn && <Tag color="green">{t('party.member.current')}</Tag>}</Space> },
                { title: t('party.member.fromOn'), dataIndex: 'fromOn', width: 110 },
                { title: t('party.member.toOn'), dataIndex: 'toOn', width: 110, render: (v: string | null) => v ?? none },
                { title: t('party.member.moveReason'), dataIndex: 'reason', render: (v: string) => v || none },
              ]} />
          </div>
        </Space>
      )}
      {m && modal === 'edit' && <MemberFormModal member={m} regionId={regionId} onClose={() => setModal(null)} onDone={done} />}
      {m && modal === 'transfer' && <TransferModal member={m} regionId={regionId} onClose={() => setModal(null)} onDone={done} />}
      {m && modal === 'archive' && <ArchiveMemberModal member={m} onClose={() => setModal(null)} onDone={done} />}
    </Drawer>
  );
}
