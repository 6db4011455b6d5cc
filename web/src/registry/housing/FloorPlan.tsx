// 楼盘表: floors as rows (top first), units as column groups, one cell per dwelling, coloured by
// occupancy or by care-group presence among the people living there.
import { TeamOutlined } from '@ant-design/icons';
import { Empty, Space, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FloorPlanCell, FloorPlanView } from '../../api/types';
import { OCCUPANCY_COLORS, OCCUPANCY_KEYS } from './common';

export type PlanMode = 'occupancy' | 'tags';

const TAGGED = { bg: '#ffd8d2', border: '#d4380d', text: '#871400' };
const UNTAGGED = { bg: '#fafafa', border: '#d9d9d9', text: '#8c8c8c' };

interface Props {
  plan: FloorPlanView;
  mode: PlanMode;
  tagName: (code: string) => string;
  selectedId?: number | null;
  onOpen: (cell: FloorPlanCell) => void;
}

const th: React.CSSProperties = { background: '#f5f5f5', border: '1px solid #e0e0e0', padding: '4px 6px', fontWeight: 600, fontSize: 13, whiteSpace: 'nowrap' };
const td: React.CSSProperties = { border: '1px solid #e8e8e8', padding: 3, verticalAlign: 'top' };

export function FloorPlanLegend({ plan, mode }: { plan: FloorPlanView; mode: PlanMode }) {
  const { t } = useTranslation();
  const cells = plan.floors.flatMap((f) => f.cells.flat());
  const swatch = (c: { bg: string; border: string }) => (
    <span style={{ display: 'inline-block', width: 14, height: 14, background: c.bg, border: `1px solid ${c.border}`, borderRadius: 2, verticalAlign: -2 }} />
  );
  const items = mode === 'occupancy'
    ? OCCUPANCY_KEYS.map((o) => ({ key: o, c: OCCUPANCY_COLORS[o], label: t(`housing.occupancy.${o}`), n: cells.filter((x) => x.occupancy === o).length }))
    : [
      { key: 'tagged', c: TAGGED, label: t('housing.legendTagged'), n: cells.filter((x) => x.tags.length).length },
      { key: 'none', c: UNTAGGED, label: t('housing.legendUntagged'), n: cells.filter((x) => !x.tags.length).length },
    ];
  return (
    <Space size={16} wrap data-testid="floor-plan-legend">
      {items.map((i) => (
        <span key={i.key} data-testid={`legend-${i.key}`}>{swatch(i.c)} {i.label} <b>{i.n}</b></span>
      ))}
    </Space>
  );
}

export function FloorPlan({ plan, mode, tagName, selectedId, onOpen }: Props) {
  const { t } = useTranslation();
  if (!plan.floors.length) return <Empty description={t('housing.noDwellings')} data-testid="floor-plan-empty" />;
  // Width of each unit's column group: the most dwellings it has on any floor.
  const widths = plan.units.map((_, i) => Math.max(1, ...plan.floors.map((f) => f.cells[i]?.length ?? 0)));
  const colour = (c: FloorPlanCell) => (mode === 'occupancy' ? OCCUPANCY_COLORS[c.occupancy] : c.tags.length ? TAGGED : UNTAGGED);

  const cell = (c: FloorPlanCell) => {
    const k = colour(c);
    const tip = (
      <div>
        <div>{t(`housing.occupancy.${c.occupancy}`)}{c.area ? ` · ${c.area}㎡` : ''} · {t('housing.residentsN', { n: c.residents })}</div>
        {c.tags.length > 0 && <div>{t('housing.careGroups')}：{c.tags.map(tagName).join('、')}</div>}
      </div>
    );
    return (
      <Tooltip title={tip} mouseEnterDelay={0.2}>
        <div
          role="button" tabIndex={0} onClick={() => onOpen(c)} onKeyDown={(e) => e.key === 'Enter' && onOpen(c)}
          data-testid={`dwelling-cell-${c.dwellingId}`} data-occupancy={c.occupancy} data-tags={c.tags.join(',')} data-residents={c.residents}
          style={{
            background: k.bg, border: `1px solid ${k.border}`, color: k.text, borderRadius: 3, padding: '3px 6px', width: 84, cursor: 'pointer',
            outline: selectedId === c.dwellingId ? '2px solid #b71c1c' : undefined, outlineOffset: 1, lineHeight: 1.35,
          }}
        >
          <div style={{ fontWeight: 600, fontSize: 13 }}>{c.number}</div>
          <div style={{ fontSize: 11, display: 'flex', justifyContent: 'space-between', gap: 4 }}>
            <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{mode === 'occupancy' ? t(`housing.occupancy.${c.occupancy}`) : c.tags.length ? c.tags.map(tagName).join('、') : '—'}</span>
            <span style={{ flex: 'none' }} title={t('housing.residentCount')}><TeamOutlined /> {c.residents}</span>
          </div>
        </div>
      </Tooltip>
    );
  };

  return (
    <div style={{ overflowX: 'auto' }}>
      <table style={{ borderCollapse: 'collapse', fontSize: 13 }} data-testid="floor-plan">
        <thead>
          <tr>
            <th style={{ ...th, width: 56 }}>{t('housing.floor')}</th>
            {plan.units.map((u, i) => <th key={u.number} colSpan={widths[i]} style={th} data-testid={`floor-plan-unit-${u.number}`}>{u.label}</th>)}
          </tr>
        </thead>
        <tbody>
          {plan.floors.map((f) => (
            <tr key={f.floor} data-testid={`floor-row-${f.floor}`}>
              <th style={{ ...th, textAlign: 'center' }}>{f.floor < 0 ? `B${-f.floor}` : `${f.floor}F`}</th>
              {plan.units.flatMap((u, i) => {
                const list = f.cells[i] ?? [];
                return Array.from({ length: widths[i] }, (_, j) => (
                  <td key={`${u.number}-${j}`} style={{ ...td, borderLeft: j === 0 ? '2px solid #bfbfbf' : td.border }}>{list[j] ? cell(list[j]) : null}</td>
                ));
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
