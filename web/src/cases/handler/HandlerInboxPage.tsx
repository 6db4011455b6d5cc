// 我的任务: a department handler's cases — dispatched to the unit (accept or return), in handling
// with their deadlines (progress, result with after-photos, extension), and the joint cases it
// assists or the whistles that called it (post its part, check in). Steps happen in a drawer.
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Input, Space, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useApi } from '../../api/useApi';
import { useAuth } from '../../auth/AuthContext';
import { ErrorResult } from '../../shell/ErrorResult';
import { casesApi, type CaseListItem } from '../api';
import { CaseDrawer } from '../common/CaseDrawer';
import { CaseTable } from '../common/CaseTable';

type TabKey = 'toAccept' | 'handling' | 'assists';
const LIMIT = 200;

/** What a case in the assists tab wants from my unit: its part, a check-in, or both. */
type Need = { part: boolean; checkIn: boolean };

function useNeeds(items: CaseListItem[]): Record<number, Need> {
  const [needs, setNeeds] = useState<Record<number, Need>>({});
  const key = items.map((i) => `${i.id}.${i.version}`).join(',');
  useEffect(() => {
    let live = true;
    void Promise.all(items.slice(0, 50).map(async (c) => {
      const d = await casesApi.get(c.id).catch(() => null);
      if (d && live) setNeeds((prev) => ({ ...prev, [c.id]: { part: d.availableActions.includes('postPart'), checkIn: d.availableActions.includes('checkIn') } }));
    }));
    return () => { live = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return needs;
}

export default function HandlerInboxPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [sp, setSp] = useSearchParams();
  const tab = (sp.get('tab') as TabKey | null) ?? 'toAccept';
  const q = sp.get('q') ?? '';
  const [text, setText] = useState(q);
  // A unit's open work is small (tens of cases): one page of up to 200, split into tabs here.
  const list = useApi(() => casesApi.list({ view: 'mine', q: q || undefined }, LIMIT, 0), [q]);
  const go = (next: { tab?: string; q?: string }) => {
    const out = new URLSearchParams();
    const nt = next.tab ?? tab;
    const nq = (next.q ?? q).trim();
    if (nt !== 'toAccept') out.set('tab', nt);
    if (nq) out.set('q', nq);
    setSp(out);
  };
  const [open, setOpen] = useState<number | null>(null);
  const mine = user?.department?.id;
  const all = list.data?.items ?? [];
  const isLead = (c: CaseListItem) => mine === undefined || c.department?.id === mine;
  const groups: Record<TabKey, CaseListItem[]> = {
    toAccept: all.filter((c) => isLead(c) && c.status === 'dispatched'),
    handling: all.filter((c) => isLead(c) && c.status !== 'dispatched'),
    assists: all.filter((c) => !isLead(c)),
  };
  const needs = useNeeds(groups.assists);

  if (list.error) return <ErrorResult error={list.error} onRetry={list.reload} />;
  const table = (key: TabKey) => (
    <CaseTable
      items={groups[key]} loading={list.loading} testId={`tasks-${key}`} activeId={open} onRowClick={(c) => setOpen(c.id)} emptyText={t('cases.tasks.empty')}
      omit={key === 'assists' ? ['source'] : ['source', 'department']}
      extra={key === 'assists' ? [{
        key: 'need', title: t('cases.tasks.need'), width: 128,
        render: (_, c) => (
          <Space size={4} wrap>
            {needs[c.id]?.part && <Tag color="gold" style={{ marginInlineEnd: 0 }} data-testid="task-need-part">{t('cases.tasks.needPart')}</Tag>}
            {needs[c.id]?.checkIn && <Tag color="volcano" style={{ marginInlineEnd: 0 }} data-testid="task-need-checkin">{t('cases.tasks.needCheckIn')}</Tag>}
          </Space>
        ),
      }] : []}
    />
  );
  const label = (key: TabKey) => (
    <span data-testid={`tasks-tab-${key}`}>
      {t(`cases.tasks.${key}`)} <Badge count={groups[key].length} showZero size="small" color={groups[key].length ? '#c62828' : '#bfbfbf'} style={{ marginInlineStart: 4 }} />
    </span>
  );

  return (
    <Card
      size="small"
      title={(
        <Space size={10} align="baseline">
          <span data-testid="tasks-title">{t('cases.tasks.title')}</span>
          {user?.department && <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>{t('cases.tasks.subtitle', { department: user.department.name })}</Typography.Text>}
        </Space>
      )}
      extra={(
        <Space size={8}>
          <Input.Search
            allowClear value={text} onChange={(e) => { setText(e.target.value); if (!e.target.value && q) go({ q: '' }); }} onSearch={(v) => go({ q: v })}
            placeholder={t('cases.common.searchPlaceholder')} style={{ width: 240 }} data-testid="tasks-search"
          />
          <Button icon={<ReloadOutlined />} onClick={list.reload}>{t('cases.common.refresh')}</Button>
        </Space>
      )}
    >
      {!user?.department && <Alert type="info" showIcon title={t('cases.tasks.noDepartment')} style={{ marginBottom: 12 }} />}
      {(list.data?.total ?? 0) > all.length && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('cases.tasks.truncated', { shown: all.length, total: list.data?.total })} />
      )}
      <Tabs
        activeKey={tab} onChange={(k) => go({ tab: k })}
        items={(['toAccept', 'handling', 'assists'] as const).map((k) => ({ key: k, label: label(k), children: table(k) }))}
      />
      <CaseDrawer caseId={open} onClose={() => setOpen(null)} onChanged={() => list.reload()} />
    </Card>
  );
}
