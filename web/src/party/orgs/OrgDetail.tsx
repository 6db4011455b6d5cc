// The selected organization: facts, officers, sub-organizations, its own warnings and its members,
// with edit / new sub-organization / officers / archive for those who may write.
import { ApartmentOutlined, EditOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Empty, Popconfirm, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorMessage, useApi } from '../../api/useApi';
import { useAuth } from '../../auth/AuthContext';
import { ErrorResult } from '../../shell/ErrorResult';
import { partyApi, type PartyOrgDetail, type PartyOrgView } from '../api';
import { OrgKindTag } from '../common';
import { MemberDrawer } from '../members/MemberDrawer';
import { MemberFormModal } from '../members/MemberFormModal';
import { MembersTable } from '../members/MembersTable';
import { OfficersModal } from './OfficersModal';
import { WarningItem } from './WarningsCard';

interface Props {
  orgId: number;
  regionId?: number;
  reloadKey: number;
  onEdit: (org: PartyOrgDetail) => void;
  onCreateChild: (parent: PartyOrgDetail) => void;
  onSelect: (org: PartyOrgView) => void;
  onChanged: () => void;
}

export function OrgDetail({ orgId, regionId, reloadKey, onEdit, onCreateChild, onSelect, onChanged }: Props) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const detail = useApi(() => partyApi.org(orgId), [orgId, reloadKey]);
  const [officers, setOfficers] = useState(false);
  const [member, setMember] = useState<number | null>(null);
  const [adding, setAdding] = useState(false);
  const [tick, setTick] = useState(0);
  if (detail.error) return <ErrorResult error={detail.error} onRetry={detail.reload} />;
  const o = detail.data && detail.data.id === orgId ? detail.data : undefined;
  if (!o) return <Card size="small"><Skeleton active /></Card>;
  const writable = can('party.write') && !o.archivedAt;
  const none = t('common.none');
  const archive = async () => {
    try { await partyApi.archiveOrg(o.id, o.version); message.success(t('party.org.archived')); onChanged(); detail.reload(); } catch (e) { message.error(errorMessage(e)); }
  };
  const attachedTo = o.attachKind === 'estate' ? o.estate?.name : o.attachKind === 'building' ? o.building?.name : o.attachKind === 'institution' ? o.institution?.name : o.region.name;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="org-detail">
      <Card size="small"
        title={(
          <Space wrap>
            <OrgKindTag kind={o.kind} />
            <span data-testid="org-detail-name">{o.name}</span>
            {o.joint && <Tag color="red">{t('party.org.jointTag')}</Tag>}
            {o.archivedAt && <Tag>{t('party.org.archivedTag')}</Tag>}
          </Space>
        )}
        extra={writable && (
          <Space wrap size={6}>
            <Button size="small" icon={<EditOutlined />} onClick={() => onEdit(o)} data-testid="org-edit">{t('common.edit')}</Button>
            <Button size="small" icon={<PlusOutlined />} onClick={() => onCreateChild(o)} data-testid="org-create-child">{t('party.org.createChild')}</Button>
            <Button size="small" icon={<TeamOutlined />} onClick={() => setOfficers(true)} data-testid="org-officers">{t('party.officers.assign')}</Button>
            <Popconfirm title={t('party.org.archiveConfirm', { name: o.name })} onConfirm={() => void archive()} okButtonProps={{ danger: true }}>
              <Button size="small" danger data-testid="org-archive">{t('party.org.archive')}</Button>
            </Popconfirm>
          </Space>
        )}>
        <Descriptions size="small" column={{ xs: 1, lg: 2, xxl: 3 }} data-testid="org-facts" items={[
          { key: 'kind', label: t('party.org.kind'), children: t(`party.orgKind.${o.kind}`, { defaultValue: o.kindLabel }) },
          { key: 'region', label: t('party.org.region'), children: <Link to={`/regions/${o.region.id}`}>{o.region.name}</Link> },
          { key: 'attach', label: t('party.org.attachedTo'), children: <Space size={4}><Tag>{t(`party.attachKind.${o.attachKind}`)}</Tag>{attachedTo ?? none}</Space> },
          { key: 'secretary', label: t('party.officerRole.secretary'), children: o.secretary?.name ?? <Typography.Text type="warning">{t('party.org.noSecretary')}</Typography.Text> },
          { key: 'members', label: t('party.org.members'), children: <span data-testid="org-member-count">{t('party.org.countTip', { direct: o.memberCount, total: o.memberCountTotal })}</span> },
          { key: 'established', label: t('party.org.establishedOn'), children: o.establishedOn ?? none },
          ...(o.kind === 'temporaryBranch' ? [{ key: 'period', label: t('party.org.period'), children: `${o.startOn ?? '?'} ~ ${o.endOn ?? '?'}` }] : []),
          ...(o.note ? [{ key: 'note', label: t('party.org.note'), children: o.note }] : []),
        ]} />
        {o.warnings.length > 0 && (
          <Space orientation="vertical" size={6} style={{ width: '100%', marginTop: 8 }}>
            {o.warnings.map((w, i) => <WarningItem key={i} w={w} />)}
          </Space>
        )}
      </Card>
      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: 12 }}>
        <Card size="small" title={t('party.officers.title')}>
          <Table size="small" rowKey="memberId" pagination={false} dataSource={o.officers} data-testid="org-officers-table"
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('party.officers.none')} /> }}
            columns={[
              { title: t('party.officers.role'), dataIndex: 'role', width: 110, render: (r: string) => <Tag color={r === 'secretary' ? 'red' : r === 'deputySecretary' ? 'orange' : 'default'}>{t(`party.officerRole.${r}`, { defaultValue: r })}</Tag> },
              { title: t('party.officers.member'), dataIndex: 'name', render: (v: string, r) => <Typography.Link onClick={() => setMember(r.memberId)}>{v}</Typography.Link> },
            ]} />
        </Card>
        <Card size="small" title={<Space><ApartmentOutlined />{t('party.org.children')}</Space>}>
          {o.children.length ? (
            <Space size={[6, 6]} wrap data-testid="org-children">
              {o.children.map((c) => (
                <Tag key={c.id} style={{ cursor: 'pointer', padding: '2px 8px' }} onClick={() => onSelect(c)}>
                  {c.name} · {t('party.org.countShort', { n: c.memberCountTotal })}
                </Tag>
              ))}
            </Space>
          ) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('party.org.noChildren')} />}
        </Card>
      </div>
      <Card size="small" title={t('party.org.memberList')}
        extra={writable && <Button size="small" type="primary" ghost icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="org-add-member">{t('party.member.create')}</Button>}>
        <MembersTable compact filters={{ orgId: o.id, includeSubOrgs: false }} reloadKey={tick} onOpen={(m) => setMember(m.id)} testId="org-members-table" />
      </Card>
      {officers && <OfficersModal org={o} onClose={() => setOfficers(false)} onDone={() => { setOfficers(false); detail.reload(); onChanged(); }} />}
      {adding && <MemberFormModal member={null} defaultOrgId={o.id} regionId={regionId} onClose={() => setAdding(false)} onDone={() => { setAdding(false); setTick((n) => n + 1); detail.reload(); onChanged(); }} />}
      <MemberDrawer memberId={member} regionId={regionId} onClose={() => setMember(null)} onChanged={() => { setTick((n) => n + 1); detail.reload(); onChanged(); }} />
    </Space>
  );
}
