// 受理台: the cases waiting at the caller's desk (reported → register / reject / merge; registered →
// dispatch), returned ones first and marked, each with its stage clock, a similar-case hint and the
// suggested mode and unit; a drawer for one case, bulk register / dispatch as suggested, export.
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Space, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useApi } from '../../api/useApi';
import { ErrorResult } from '../../shell/ErrorResult';
import { casesApi, type CaseListItem, type Suggestion } from '../api';
import { runBulk, type BulkKind } from '../common/bulk';
import { CaseDrawer } from '../common/CaseDrawer';
import { CaseFilterBar, readFilters, writeFilters } from '../common/CaseFilters';
import { CaseTable } from '../common/CaseTable';
import { ModeTag } from '../common/ModeTag';

const PAGE = 20;
const DESK_STATUSES = ['reported', 'registered'] as const;

interface Hint { similar?: number; suggestion?: Suggestion | null }

/** Similar-case counts and suggestions for the visible rows, a few requests at a time. */
function useHints(items: CaseListItem[]): Record<number, Hint> {
  const [hints, setHints] = useState<Record<number, Hint>>({});
  const key = items.map((i) => `${i.id}.${i.version}`).join(',');
  useEffect(() => {
    let live = true;
    const jobs = items.map((c) => async () => {
      const h: Hint = {};
      if (c.status === 'reported') h.similar = (await casesApi.similar(c.id).catch(() => [])).length;
      if (c.category) h.suggestion = await casesApi.suggest(c.category.id, c.urgency, c.id).catch(() => null);
      if (live) setHints((prev) => ({ ...prev, [c.id]: h }));
    });
    const worker = async () => { for (let job = jobs.shift(); job && live; job = jobs.shift()) await job(); };
    void Promise.all([worker(), worker(), worker()]);
    return () => { live = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return hints;
}

export default function DispatchDeskPage() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const [sp, setSp] = useSearchParams();
  const filters = readFilters(sp);
  const page = Number(sp.get('page') ?? 1) || 1;
  const list = useApi(() => casesApi.list({ ...filters, view: 'desk' }, PAGE, (page - 1) * PAGE), [sp.toString()]);
  const items = list.data?.items ?? [];
  const hints = useHints(items);
  const [open, setOpen] = useState<number | null>(null);
  const [selected, setSelected] = useState<number[]>([]);
  const [busy, setBusy] = useState<BulkKind | null>(null);
  useEffect(() => setSelected((s) => s.filter((id) => items.some((i) => i.id === id))), [list.data]); // eslint-disable-line react-hooks/exhaustive-deps

  const chosen = items.filter((i) => selected.includes(i.id));
  const canRegister = chosen.length > 0 && chosen.every((c) => c.status === 'reported');
  const canDispatch = chosen.length > 0 && chosen.every((c) => c.status === 'registered');

  const bulk = (kind: BulkKind) => {
    modal.confirm({
      title: t(kind === 'register' ? 'cases.desk.bulkRegister' : 'cases.desk.bulkDispatch'),
      content: t(kind === 'register' ? 'cases.desk.bulkConfirmRegister' : 'cases.desk.bulkConfirmDispatch', { n: chosen.length }),
      okButtonProps: { 'data-testid': 'bulk-confirm' } as never,
      onOk: async () => {
        setBusy(kind);
        const result = await runBulk(kind, chosen, (c) => hints[c.id]?.suggestion, t);
        setBusy(null);
        setSelected([]);
        list.reload();
        const summary = t('cases.desk.bulkDone', { ok: result.ok, failed: result.problems.length });
        if (!result.problems.length) message.success(summary);
        else modal.warning({ title: summary, content: <ul data-testid="bulk-problems" style={{ paddingInlineStart: 18, margin: 0 }}>{result.problems.map((p) => <li key={p}>{p}</li>)}</ul> });
      },
    });
  };

  if (list.error && list.error.status !== 400) return <ErrorResult error={list.error} onRetry={list.reload} />;
  return (
    <Card
      size="small"
      title={(
        <Space size={10} align="baseline">
          <span data-testid="desk-title">{t('cases.desk.title')}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>{t('cases.desk.subtitle')}</Typography.Text>
        </Space>
      )}
      extra={(
        <Space size={8}>
          <Button icon={<ReloadOutlined />} onClick={list.reload}>{t('cases.common.refresh')}</Button>
          <Button icon={<DownloadOutlined />} href={casesApi.exportUrl({ ...filters, view: 'desk' })} download data-testid="desk-export">{t('cases.common.export')}</Button>
        </Space>
      )}
    >
      <CaseFilterBar value={filters} onChange={(f) => setSp(writeFilters(f))} show={['status', 'mode', 'timerState', 'categoryId', 'q']} statuses={DESK_STATUSES} />
      <Space size={8} style={{ margin: '4px 0 10px' }} data-testid="desk-bulk">
        <Typography.Text type="secondary">{t('cases.common.selected', { n: chosen.length })}</Typography.Text>
        <Button disabled={!canRegister} loading={busy === 'register'} onClick={() => bulk('register')} data-testid="bulk-register">{t('cases.desk.bulkRegister')}</Button>
        <Button disabled={!canDispatch} loading={busy === 'dispatch'} onClick={() => bulk('dispatch')} data-testid="bulk-dispatch">{t('cases.desk.bulkDispatch')}</Button>
      </Space>
      <CaseTable
        items={items} loading={list.loading} testId="desk-table" emptyText={t('cases.desk.empty')} activeId={open} onRowClick={(c) => setOpen(c.id)} omit={['department']}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]), columnWidth: 36 }}
        extra={[
          {
            key: 'hint', title: t('cases.desk.suggestion'), width: 190,
            render: (_, c) => {
              const h = hints[c.id];
              if (!h) return <Typography.Text type="secondary">…</Typography.Text>;
              return (
                <div data-testid="desk-hint" style={{ lineHeight: 1.35 }}>
                  <Space size={4}>
                    {!!h.similar && (
                      <Tooltip title={t('cases.desk.similarCount', { n: h.similar })}>
                        <Tag color="orange" style={{ marginInlineEnd: 0 }} data-testid="desk-similar">{t('cases.desk.similarShort', { n: h.similar })}</Tag>
                      </Tooltip>
                    )}
                    {h.suggestion && <ModeTag mode={h.suggestion.mode} />}
                  </Space>
                  {h.suggestion && (
                    <div style={{ fontSize: 12, color: '#595959', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={h.suggestion.reason}>
                      {h.suggestion.department?.name ?? t('cases.desk.suggestNone')}
                    </div>
                  )}
                </div>
              );
            },
          },
        ]}
        pagination={{
          current: page, pageSize: PAGE, total: list.data?.total ?? 0, showSizeChanger: false, size: 'small',
          onChange: (p) => { const next = writeFilters(filters); if (p > 1) next.set('page', String(p)); setSp(next); },
          showTotal: (n) => <span data-testid="desk-total">{t('common.total', { total: n })}</span>,
        }}
      />
      <CaseDrawer caseId={open} onClose={() => setOpen(null)} onChanged={() => list.reload()} />
    </Card>
  );
}
