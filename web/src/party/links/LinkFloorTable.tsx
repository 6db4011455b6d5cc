// 楼栋联户图: floors as rows (top first), units as column groups, one cell per dwelling with its
// households as chips coloured by link state. With a liaison household chosen, clicking a chip
// adds it to or removes it from that liaison's draft (saved by the page).
import { Empty, Space, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BuildingLinksView, LinkCell, LinkHousehold } from '../api';

export type LinkState = 'liaison' | 'mine' | 'linked' | 'unlinked';

export const LINK_COLORS: Record<LinkState, { bg: string; border: string; text: string }> = {
  liaison: { bg: '#ffccc7', border: '#cf1322', text: '#820014' },
  mine: { bg: '#d9f7be', border: '#389e0d', text: '#135200' },
  linked: { bg: '#d6e4ff', border: '#597ef7', text: '#10239e' },
  unlinked: { bg: '#fafafa', border: '#d9d9d9', text: '#8c8c8c' },
};

/** Where a household stands, given the liaison being edited and its draft. */
export function linkState(h: LinkHousehold, selected: number | null, draft: Set<number> | null): LinkState {
  if (h.isLiaison) return 'liaison';
  if (selected !== null && draft) {
    if (draft.has(h.id)) return 'mine';
    if (h.liaisonId === selected) return 'unlinked';
  }
  return h.liaisonId ? 'linked' : 'unlinked';
}

const th: React.CSSProperties = { background: '#f5f5f5', border: '1px solid #e0e0e0', padding: '4px 6px', fontWeight: 600, fontSize: 13, whiteSpace: 'nowrap' };
const td: React.CSSProperties = { border: '1px solid #e8e8e8', padding: 3, verticalAlign: 'top', minWidth: 96 };

export function LinkLegend({ view, selected, draft }: { view: BuildingLinksView; selected: number | null; draft: Set<number> | null }) {
  const { t } = useTranslation();
  const all = view.cells.flatMap((c) => c.households);
  const count = (s: LinkState) => all.filter((h) => linkState(h, selected, draft) === s).length;
  const states: LinkState[] = selected !== null ? ['liaison', 'mine', 'linked', 'unlinked'] : ['liaison', 'linked', 'unlinked'];
  return (
    <Space size={16} wrap data-testid="link-legend">
      {states.map((s) => (
        <span key={s} data-testid={`link-legend-${s}`}>
          <span style={{ display: 'inline-block', width: 14, height: 14, background: LINK_COLORS[s].bg, border: `1px solid ${LINK_COLORS[s].border}`, borderRadius: 2, verticalAlign: -2 }} />
          {' '}{t(`party.links.state.${s}`)} <b>{count(s)}</b>
        </span>
      ))}
    </Space>
  );
}

interface Props {
  view: BuildingLinksView;
  selected: number | null;
  draft: Set<number> | null;
  onClick: (h: LinkHousehold) => void;
}

export function LinkFloorTable({ view, selected, draft, onClick }: Props) {
  const { t } = useTranslation();
  if (!view.cells.length) return <Empty description={t('party.links.noDwellings')} data-testid="link-table-empty" />;
  const grid = new Map<string, LinkCell[]>();
  for (const c of view.cells) {
    const k = `${c.floor}:${c.unit}`;
    grid.set(k, [...(grid.get(k) ?? []), c]);
  }
  for (const list of grid.values()) list.sort((a, b) => a.number.localeCompare(b.number, 'zh-CN', { numeric: true }));
  const floors = view.floors.length ? view.floors : [...new Set(view.cells.map((c) => c.floor))].sort((a, b) => b - a);
  const units = view.units.length ? view.units : [...new Set(view.cells.map((c) => c.unit))].sort((a, b) => a - b).map((n) => ({ number: n, label: String(n) }));
  const widths = units.map((u) => Math.max(1, ...floors.map((f) => grid.get(`${f}:${u.number}`)?.length ?? 0)));

  const chip = (h: LinkHousehold) => {
    const s = linkState(h, selected, draft);
    const c = LINK_COLORS[s];
    const own = selected !== null && h.ownLiaisonId === selected;
    const tip = (
      <div>
        <div>{t('party.links.household')} {h.number}{h.headName ? ` · ${h.headName}` : ''}</div>
        <div>{t(`party.links.state.${s}`)}{h.liaisonMemberName && s !== 'liaison' ? ` · ${t('party.links.linkedBy', { name: h.liaisonMemberName })}` : ''}</div>
        {selected !== null && s === 'linked' && <div>{t('party.links.otherLiaisonHint')}</div>}
      </div>
    );
    return (
      <Tooltip key={h.id} title={tip} mouseEnterDelay={0.2}>
        <div
          role="button" tabIndex={0} onClick={() => onClick(h)} onKeyDown={(e) => e.key === 'Enter' && onClick(h)}
          data-testid={`link-household-${h.id}`} data-state={s}
          style={{
            background: c.bg, border: `1px ${s === 'unlinked' ? 'dashed' : 'solid'} ${c.border}`, color: c.text, borderRadius: 3, padding: '1px 5px',
            fontSize: 12, cursor: 'pointer', marginTop: 2, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', maxWidth: 120,
            outline: own ? '2px solid #cf1322' : undefined, outlineOffset: 1, fontWeight: s === 'mine' || own ? 600 : undefined,
          }}
        >
          {h.headName ?? h.number}{s === 'liaison' ? ` ★` : ''}
        </div>
      </Tooltip>
    );
  };

  const cell = (c: LinkCell) => (
    <div data-testid={`link-cell-${c.dwellingId}`}>
      <div style={{ fontWeight: 600, fontSize: 12, color: '#595959' }}>{c.number}</div>
      {c.households.length ? c.households.map(chip) : <div style={{ fontSize: 12, color: '#bfbfbf' }}>{t('party.links.noHousehold')}</div>}
    </div>
  );

  return (
    <div style={{ overflowX: 'auto' }}>
      <table style={{ borderCollapse: 'collapse', fontSize: 13 }} data-testid="link-floor-table">
        <thead>
          <tr>
            <th style={{ ...th, width: 56 }}>{t('party.links.floor')}</th>
            {units.map((u, i) => <th key={u.number} colSpan={widths[i]} style={th}>{u.label}</th>)}
          </tr>
        </thead>
        <tbody>
          {floors.map((f) => (
            <tr key={f} data-testid={`link-floor-${f}`}>
              <th style={{ ...th, textAlign: 'center' }}>{f < 0 ? `B${-f}` : `${f}F`}</th>
              {units.flatMap((u, i) => {
                const list = grid.get(`${f}:${u.number}`) ?? [];
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
