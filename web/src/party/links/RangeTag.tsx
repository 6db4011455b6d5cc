// A count against its configured range (both ends inside): green in range, orange below, red above.
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

export function RangeTag({ count, min, max, state }: { count: number; min: number; max: number; state?: 'below' | 'in' | 'above' }) {
  const { t } = useTranslation();
  const s = state ?? (count < min ? 'below' : count > max ? 'above' : 'in');
  const color = s === 'in' ? 'green' : s === 'below' ? 'orange' : 'red';
  return <Tag color={color} style={{ marginInlineEnd: 0 }} data-testid="range-tag" data-state={s}>{t(`party.links.range.${s}`, { min, max })}</Tag>;
}
