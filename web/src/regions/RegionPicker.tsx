// A Select that searches regions on the server; used in forms (move, scope, service area, map).
import { Select, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegionSummary } from '../api/types';
import { levelLabel } from '../i18n/names';
import { useRegionSearch } from './RegionSearch';

interface Props {
  value?: number | null;
  onChange?: (id: number | null, region?: RegionSummary) => void;
  /** How to label the current value before any search ran. */
  initial?: Pick<RegionSummary, 'id' | 'name'> | null;
  level?: number;
  placeholder?: string;
  allowClear?: boolean;
  exclude?: number[];
  style?: React.CSSProperties;
  testId?: string;
}

export function RegionPicker({ value, onChange, initial, level, placeholder, allowClear = true, exclude = [], style, testId }: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const { items, loading } = useRegionSearch(q);
  const hits = items.filter((i) => (!level || i.level === level) && !exclude.includes(i.id));
  const options = hits.map((i) => ({
    value: i.id,
    label: `${i.name}（${levelLabel(t, i.level)}）`,
    title: [...i.ancestorNames, i.name].join(' / '),
    region: i,
  }));
  if (value != null && initial && initial.id === value && !options.some((o) => o.value === value)) {
    options.unshift({ value, label: initial.name, title: initial.name, region: undefined as never });
  }
  return (
    <Select
      value={value ?? undefined}
      placeholder={placeholder ?? t('regionAction.chooseRegion')}
      allowClear={allowClear}
      showSearch={{ filterOption: false, onSearch: setQ }}
      notFoundContent={loading ? <Spin size="small" /> : q ? t('region.noResults') : null}
      options={options}
      optionRender={(o) => (
        <div>
          <div>{o.data.label}</div>
          <div style={{ fontSize: 12, color: '#999' }}>{o.data.title}</div>
        </div>
      )}
      onChange={(v: number | undefined, opt) => {
        const o = Array.isArray(opt) ? opt[0] : opt;
        onChange?.(v ?? null, (o as { region?: RegionSummary } | undefined)?.region);
      }}
      style={{ width: '100%', ...style }}
      data-testid={testId}
    />
  );
}
