// The party member list (server-paged): on the members page with every column, in the
// organization panel in a compact form.
import { Button, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApi } from '../../api/useApi';
import { partyApi, type MemberFilters, type PartyMemberView } from '../api';
import { MemberKindTag } from '../common';
import { MobileCell } from './MobileCell';

interface Props {
  filters: MemberFilters;
  compact?: boolean;
  /** Bumped by the parent after a change, to load the page again. */
  reloadKey?: number;
  onOpen: (m: PartyMemberView) => void;
  actions?: (m: PartyMemberView) => React.ReactNode;
  testId?: string;
}

export function MembersTable({ filters, compact, reloadKey = 0, onOpen, actions, testId = 'members-table' }: Props) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(compact ? 10 : 20);
  const key = JSON.stringify(filters);
  useEffect(() => setPage(1), [key]);
  const list = useApi(() => partyApi.members(filters, pageSize, (page - 1) * pageSize), [key, page, pageSize, reloadKey]);
  const none = t('common.none');
  return (
    <Table<PartyMemberView>
      size="small" rowKey="id" bordered={!compact} loading={list.loading} dataSource={list.data?.items ?? []} data-testid={testId}
      scroll={compact ? undefined : { x: 1300 }}
      locale={{ emptyText: list.error ? list.error.message : t('party.member.empty') }}
      onRow={(m) => ({ 'data-testid': 'member-row', 'data-id': m.id } as React.HTMLAttributes<HTMLElement>)}
      pagination={{
        current: page, pageSize, total: list.data?.total ?? 0, size: 'small', showSizeChanger: !compact, pageSizeOptions: [20, 50, 100],
        onChange: (p, s) => { setPage(s !== pageSize ? 1 : p); setPageSize(s); },
        showTotal: (n) => <span data-testid={`${testId}-total`}>{t('common.total', { total: n })}</span>,
      }}
      columns={[
        {
          title: t('party.member.name'), dataIndex: 'name', width: compact ? 130 : 110, fixed: compact ? undefined : 'left',
          render: (v: string, m) => (
            <Space size={4}>
              <Typography.Link onClick={() => onOpen(m)} data-testid={`member-open-${m.id}`}>{v}</Typography.Link>
              {m.archivedAt && <Tag style={{ marginInlineEnd: 0 }}>{t(`party.leftReason.${m.leftReason ?? 'other'}`)}</Tag>}
            </Space>
          ),
        },
        { title: t('party.member.gender'), dataIndex: 'gender', width: 60, align: 'center', render: (g: string) => t(`party.gender.${g}`, { defaultValue: g }) },
        { title: t('party.member.kind'), dataIndex: 'kind', width: 96, render: (k: PartyMemberView['kind']) => <MemberKindTag kind={k} /> },
        { title: t('party.member.standing'), dataIndex: 'standing', width: 100, render: (s: string) => t(`party.standing.${s}`, { defaultValue: s }) },
        ...(compact ? [] : [{ title: t('party.member.org'), width: 180, ellipsis: true, render: (_: unknown, m: PartyMemberView) => m.org.name }]),
        { title: t('party.member.mobile'), dataIndex: 'mobileMasked', width: 150, render: (v: string | null, m) => <MobileCell memberId={m.id} masked={v} /> },
        { title: t('party.member.joinedPartyOn'), dataIndex: 'joinedPartyOn', width: 110, render: (v: string | null) => v ?? none },
        ...(compact ? [] : [
          { title: t('party.member.resident'), width: 90, render: (_: unknown, m: PartyMemberView) => (m.resident ? <Link to={`/residents/${m.resident.id}`}>{t('party.member.residentLinked')}</Link> : <Typography.Text type="secondary">{t('party.member.noResident')}</Typography.Text>) },
          { title: t('party.member.region'), width: 130, ellipsis: true, render: (_: unknown, m: PartyMemberView) => m.region?.name ?? none },
          { title: t('party.member.employer'), width: 170, ellipsis: true, render: (_: unknown, m: PartyMemberView) => m.institution?.name ?? (m.employer || none) },
          { title: t('party.member.skills'), dataIndex: 'skills', width: 170, render: (v: string[]) => (v?.length ? <Space size={2} wrap>{v.map((s) => <Tag key={s} style={{ marginInlineEnd: 0 }}>{s}</Tag>)}</Space> : none) },
        ]),
        ...(actions ? [{ title: t('common.actions'), width: compact ? 70 : 80, fixed: compact ? undefined : 'right' as const, render: (_: unknown, m: PartyMemberView) => actions(m) }] : []),
        ...(compact ? [{ title: '', width: 60, render: (_: unknown, m: PartyMemberView) => <Button type="link" size="small" onClick={() => onOpen(m)}>{t('party.common.view')}</Button> }] : []),
      ]}
    />
  );
}
