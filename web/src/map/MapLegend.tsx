import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { levelLabel } from '../i18n/names';
import { LEVEL_COLORS, SIZE_COLORS, type ColorMode } from './mapCore';

/** `outlined`: levels drawn as thick outlines only (their children carry the colour). */
export function MapLegend({ mode, levels, outlined = [] }: { mode: ColorMode; levels: number[]; outlined?: number[] }) {
  const { t } = useTranslation();
  const rows = mode === 'level'
    ? levels.map((l) => ({ key: String(l), color: outlined.includes(l) ? 'transparent' : LEVEL_COLORS[l] ?? '#999', label: levelLabel(t, l), thick: outlined.includes(l) }))
    : (['ok', 'under', 'over', 'unknown'] as const).map((s) => ({ key: s, color: SIZE_COLORS[s], label: t(`sizeStatus.${s}`), thick: false }));
  return (
    <Card size="small" title={t('map.legend')} data-testid="map-legend" style={{ position: 'absolute', left: 12, bottom: 12, minWidth: 130, opacity: 0.95 }}>
      {rows.map((r) => (
        <div key={r.key} style={{ display: 'flex', alignItems: 'center', gap: 8, lineHeight: '22px' }}>
          <span style={{ width: 14, height: 14, background: r.color, opacity: 0.7, border: r.thick ? '2px solid #5c5c5c' : '1px solid #666', display: 'inline-block', boxSizing: 'border-box' }} />
          {r.label}
        </div>
      ))}
    </Card>
  );
}
