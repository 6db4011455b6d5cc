// 网格队伍 (/workforce/teams): every grid under the chosen region with its team (网格长 + 专业网格员
// + N 联防员) and its gaps, grids with gaps first in red; a click opens the grid's full team.
import { Alert, Card, Empty, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/useApi';
import { ErrorResult } from '../shell/ErrorResult';
import { teamsApi, type GridTeamRow, type TeamPerson } from './api';
import { Field, ScopePicker, teamLabel, useBi, type RegionChoice } from './common';
import GridTeamDrawer from './GridTeamDrawer';

const names = (ps: TeamPerson[] | undefined): string => (ps ?? []).map((p) => p.name).join('、');

export default function TeamsPage() {
  const { t } = useTranslation();
  const bi = useBi();
  const [region, setRegion] = useState<RegionChoice | null>(null);
  const [onlyGaps, setOnlyGaps] = useState(false);
  const [open, setOpen] = useState<number | null>(null);
  const data = useApi(() => teamsApi.grids(region?.id), [region?.id]);

  const all = useMemo(() => {
    const items = [...(data.data?.items ?? [])];
    // Grids with gaps first, then by name, so the work to do is on top.
    items.sort((a, b) => Number(b.gaps.length > 0) - Number(a.gaps.length > 0) || a.grid.name.localeCompare(b.grid.name, 'zh-CN'));
    return items;
  }, [data.data]);
  const rows = onlyGaps ? all.filter((r) => r.gaps.length) : all;
  const withGaps = all.filter((r) => r.gaps.length).length;

  const columns: ColumnsType<GridTeamRow> = [
    {
      key: 'grid', title: t('workforce.teams.grid'), width: 170, fixed: 'left',
      render: (_, r) => (
        <Typography.Link onClick={() => setOpen(r.grid.id)} data-testid="team-grid-link">
          {r.grid.name}{r.grid.code ? <div style={{ color: '#8c8c8c', fontSize: 11, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>{r.grid.code}</div> : null}
        </Typography.Link>
      ),
    },
    { key: 'label', title: t('workforce.teams.composition'), width: 260, render: (_, r) => <span data-testid="team-label" style={{ whiteSpace: 'nowrap' }}>{teamLabel(t, r)}</span> },
    { key: 'chief', title: t('workforce.kind.gridChief'), width: 100, render: (_, r) => (r.chief.length ? names(r.chief) : <Tag color="error">{t('workforce.teams.missing')}</Tag>) },
    {
      key: 'pro', title: t('workforce.teams.pro'), width: 160,
      render: (_, r) => (r.fullTime.length + r.partTime.length ? (
        <Space size={[4, 4]} wrap>
          {r.fullTime.map((p, i) => <Tag key={`f${i}`} color="volcano">{p.name}</Tag>)}
          {r.partTime.map((p, i) => <Tooltip key={`p${i}`} title={t('workforce.kind.gridWorkerPartTime')}><Tag color="orange">{p.name}</Tag></Tooltip>)}
        </Space>
      ) : <Tag color="error">{t('workforce.teams.missing')}</Tag>),
    },
    { key: 'patrol', title: t('workforce.teams.patrolCol'), width: 76, align: 'right', render: (_, r) => <Tooltip title={names(r.patrol)}>{r.patrol.length}</Tooltip> },
    { key: 'informants', title: t('workforce.teams.informantCol'), width: 90, align: 'right', render: (_, r) => <Tooltip title={names(r.informants)}>{r.informants.length}</Tooltip> },
    {
      key: 'gaps', title: t('workforce.teams.gaps'),
      render: (_, r) => (r.gaps.length
        ? <Space size={[4, 4]} wrap>{r.gaps.map((g, i) => <Tag key={i} color="error" style={{ whiteSpace: 'normal' }} data-testid="team-gap" data-kind={g.kind}>{bi(g.message)}</Tag>)}</Space>
        : <Tag color="success">{t('workforce.teams.complete')}</Tag>),
    },
  ];

  if (data.error?.status === 403 && data.error.code === 'PERMISSION_DENIED') return <ErrorResult error={data.error} onRetry={data.reload} />;
  return (
    <Card title={t('workforce.teams.title')} data-testid="teams-page">
      {/* A grid with gaps is tinted red across the whole row, fixed column included. */}
      <style>{'.wf-gap-row > td { background: #fffafa !important; } .wf-gap-row:hover > td { background: #fff1f0 !important; } .wf-gap-row > td:first-child { box-shadow: inset 3px 0 0 #f5222d; }'}</style>
      <Alert type="info" showIcon title={t('workforce.teams.hint')} style={{ marginBottom: 12 }} />
      <Space wrap size={[16, 8]} style={{ marginBottom: 12 }}>
        <Field label={t('workforce.common.region')}><ScopePicker value={region} onChange={setRegion} testId="teams-region" /></Field>
        <Space size={6}><Switch checked={onlyGaps} onChange={setOnlyGaps} data-testid="teams-only-gaps" />{t('workforce.teams.onlyGaps')}</Space>
        {data.data && (
          <span data-testid="teams-summary" style={{ color: '#595959' }}>
            {t('workforce.teams.summary', { grids: all.length, gaps: withGaps })}
          </span>
        )}
      </Space>
      {data.error && <Alert type="error" showIcon title={data.error.message} style={{ marginBottom: 12 }} />}
      <Table<GridTeamRow>
        rowKey={(r) => r.grid.id} size="middle" columns={columns} dataSource={rows} loading={data.loading}
        scroll={{ x: 1110 }} pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t('workforce.teams.empty')} /> }}
        rowClassName={(r) => (r.gaps.length ? 'wf-gap-row' : '')}
        onRow={(r) => ({
          onClick: () => setOpen(r.grid.id),
          style: { cursor: 'pointer' },
          'data-testid': 'team-row', 'data-grid': r.grid.id, 'data-gaps': r.gaps.length,
        } as React.HTMLAttributes<HTMLElement>)}
      />
      <GridTeamDrawer gridId={open} onClose={() => setOpen(null)} onChanged={data.reload} />
    </Card>
  );
}
