// Picks a dwelling by searching addresses on the server (GET /dwellings?q=): 小区 楼栋 单元 房号.
import { Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DwellingView } from '../../../../src/modules/registry/housing.views';
import { dwellingsApi } from './api';

interface Props {
  value?: number | null;
  onChange?: (id: number | null, dwelling?: DwellingView) => void;
  initial?: { id: number; label: string } | null;
  testId?: string;
  placeholder?: string;
}

export function DwellingSelect({ value, onChange, initial, testId, placeholder }: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [items, setItems] = useState<DwellingView[]>([]);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    if (!q.trim()) { setItems([]); return; }
    let live = true;
    setLoading(true);
    const timer = setTimeout(() => {
      dwellingsApi.search(q.trim()).then((r) => { if (live) setItems(r.items); }, () => { if (live) setItems([]); }).finally(() => { if (live) setLoading(false); });
    }, 250);
    return () => { live = false; clearTimeout(timer); };
  }, [q]);
  const options = items.map((d) => ({ value: d.id, label: d.address, dwelling: d }));
  if (value != null && initial && initial.id === value && !options.some((o) => o.value === value)) options.unshift({ value, label: initial.label, dwelling: undefined as never });
  return (
    <Select
      value={value ?? undefined} allowClear placeholder={placeholder ?? t('people.form.dwellingPlaceholder')}
      showSearch={{ filterOption: false, onSearch: setQ }}
      notFoundContent={loading ? <Spin size="small" /> : q ? t('people.form.noDwelling') : null}
      options={options}
      optionRender={(o) => (
        <div>
          <div>{o.data.label}</div>
          {o.data.dwelling && <div style={{ fontSize: 12, color: '#999' }}>{t(`people.occupancy.${o.data.dwelling.occupancy}`, { defaultValue: o.data.dwelling.occupancy })}{o.data.dwelling.area ? ` · ${o.data.dwelling.area}㎡` : ''}</div>}
        </div>
      )}
      onChange={(v: number | undefined, opt) => {
        const o = Array.isArray(opt) ? opt[0] : opt;
        onChange?.(v ?? null, (o as { dwelling?: DwellingView } | undefined)?.dwelling);
      }}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
