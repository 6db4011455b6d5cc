// One grid's full team: chief, grid workers, patrol members, informants, building and unit heads,
// supervisors, paired deputies (with their sending unit) and stationed teams, and its gaps.
import { Alert, Button, Descriptions, Drawer, Empty, Space, Spin, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApi } from '../api/useApi';
import { useAuth } from '../auth/AuthContext';
import PositionFormModal from './PositionFormModal';
import { teamsApi, type GridTeamView, type TeamPerson } from './api';
import { KIND_COLORS, teamLabel, useBi } from './common';

type PeopleKey = 'chief' | 'fullTime' | 'partTime' | 'patrol' | 'informants' | 'buildingHeads' | 'unitHeads' | 'supervisors' | 'pairedDeputies';
const SECTIONS: { key: PeopleKey; kind: keyof typeof KIND_COLORS }[] = [
  { key: 'chief', kind: 'gridChief' },
  { key: 'fullTime', kind: 'gridWorkerFullTime' },
  { key: 'partTime', kind: 'gridWorkerPartTime' },
  { key: 'patrol', kind: 'patrolMember' },
  { key: 'informants', kind: 'informant' },
  { key: 'buildingHeads', kind: 'buildingHead' },
  { key: 'unitHeads', kind: 'unitHead' },
  { key: 'supervisors', kind: 'supervisor' },
  { key: 'pairedDeputies', kind: 'pairedDeputy' },
];

function Person({ p, color }: { p: TeamPerson; color?: string }) {
  const extra = [p.building?.name, p.sendingUnit, p.mobileMasked].filter(Boolean).join(' · ');
  return (
    <Tag color={color} style={{ marginBottom: 4 }} data-testid="grid-team-person">
      {p.name}{extra ? <span style={{ opacity: 0.75 }}>（{extra}）</span> : null}
    </Tag>
  );
}

export default function GridTeamDrawer({ gridId, onClose, onChanged }: { gridId: number | null; onClose: () => void; onChanged?: () => void }) {
  const { t } = useTranslation();
  const bi = useBi();
  const team = useApi<GridTeamView | undefined>(() => (gridId ? teamsApi.grid(gridId) : Promise.resolve(undefined)), [gridId]);
  const v = gridId ? team.data : undefined;
  const { can } = useAuth();
  const [assign, setAssign] = useState(false);
  return (
    <Drawer
      open={gridId !== null} onClose={onClose} size={640} destroyOnHidden
      title={v ? `${v.grid.name} · ${t('workforce.teams.drawerTitle')}` : t('workforce.teams.drawerTitle')}
      data-testid="grid-team-drawer"
      extra={v && can('workforce.write') && <Button type="primary" onClick={() => setAssign(true)} data-testid="grid-team-assign">{t('workforce.positions.assign')}</Button>}
    >
      {team.loading && !v && <Spin style={{ display: 'block', margin: '40px auto' }} />}
      {team.error && <Alert type="error" showIcon title={team.error.message} />}
      {v && (
        <>
          <div style={{ fontSize: 16, fontWeight: 500, marginBottom: 12 }} data-testid="grid-team-label">{teamLabel(t, v)}</div>
          {v.gaps.length > 0
            ? <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t('workforce.teams.gapsTitle', { n: v.gaps.length })}
                description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{v.gaps.map((g, i) => (
                  <li key={i} data-testid="grid-team-gap" data-kind={g.kind}>
                    {bi(g.message)}
                    {g.subjects?.length ? <span style={{ color: '#8c8c8c' }}>：{g.subjects.map((s) => s.name).join('、')}{g.count && g.count > g.subjects.length ? ' …' : ''}</span> : null}
                  </li>
                ))}</ul>} />
            : <Alert type="success" showIcon style={{ marginBottom: 16 }} title={t('workforce.teams.noGaps')} />}
          <Descriptions column={1} bordered size="small" styles={{ label: { width: 150 } }}>
            {SECTIONS.map(({ key, kind }) => (
              <Descriptions.Item key={key} label={`${t(`workforce.kind.${kind}`)} (${(v[key] ?? []).length})`}>
                {(v[key] ?? []).length
                  ? <Space size={[0, 0]} wrap>{(v[key] ?? []).map((p, i) => <Person key={i} p={p} color={KIND_COLORS[kind]} />)}</Space>
                  : <span style={{ color: '#bfbfbf' }}>{t('workforce.common.none')}</span>}
              </Descriptions.Item>
            ))}
            <Descriptions.Item label={`${t('workforce.teams.stationedTeams')} (${(v.stationedTeams ?? []).length})`}>
              {(v.stationedTeams ?? []).length
                ? <Space size={[0, 0]} wrap>
                    {v.stationedTeams.map((s) => (
                      <Tag key={s.id} color="gold" style={{ marginBottom: 4 }}>
                        {s.name}{s.leader?.name ? `（${t('workforce.workers.leader')}：${s.leader.name}）` : ''}
                      </Tag>
                    ))}
                  </Space>
                : <span style={{ color: '#bfbfbf' }}>{t('workforce.common.none')}</span>}
            </Descriptions.Item>
          </Descriptions>
          <div style={{ marginTop: 16 }}>
            <Space>
              <Link to={`/workforce/visits?regionId=${v.grid.id}&regionName=${encodeURIComponent(v.grid.name)}`}>{t('workforce.teams.seeVisits')}</Link>
              <Link to={`/regions/${v.grid.id}`}>{t('workforce.teams.seeRegion')}</Link>
            </Space>
          </div>
        </>
      )}
      {gridId !== null && !team.loading && !team.error && !v && <Empty />}
      {v && (
        <PositionFormModal
          open={assign} region={v.grid} onClose={() => setAssign(false)}
          onSaved={() => { setAssign(false); team.reload(); onChanged?.(); }}
        />
      )}
    </Drawer>
  );
}
