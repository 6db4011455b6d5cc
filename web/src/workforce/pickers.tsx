// Selects that search the server as one types: user accounts, residents (optionally within a
// region), buildings of a region, workers. Each keeps the label of the picked value.
import { Select, Spin } from 'antd';
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { usersApi } from '../api/endpoints';
import { workersApi } from './api';

export interface Option { value: number; label: string; sub?: string; householdId?: number | null }

interface RemoteProps {
  value?: number | null;
  onChange?: (v: number | undefined, o?: Option) => void;
  placeholder?: string;
  style?: CSSProperties;
  testId?: string;
  allowClear?: boolean;
  disabled?: boolean;
  /** Label of the value before any search ran (a value taken from the address bar). */
  initial?: Option | null;
}

/** A Select fed by `search(q)`, debounced; the first page loads on open with an empty query. */
function RemoteSelect({ search, deps = [], value, onChange, placeholder, style, testId, allowClear = true, disabled, initial }: RemoteProps & { search: (q: string) => Promise<Option[]>; deps?: unknown[] }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<Option[]>([]);
  const [loading, setLoading] = useState(false);
  const [picked, setPicked] = useState<Option | null>(initial ?? null);
  const seq = useRef(0);
  const searchRef = useRef(search);
  searchRef.current = search;
  useEffect(() => {
    const mine = ++seq.current;
    setLoading(true);
    const timer = setTimeout(() => {
      searchRef.current(q.trim()).then(
        (o) => { if (mine === seq.current) { setOptions(o); setLoading(false); } },
        () => { if (mine === seq.current) { setOptions([]); setLoading(false); } },
      );
    }, 250);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q, ...deps]);
  const all = picked && picked.value === value && !options.some((o) => o.value === value) ? [picked, ...options] : options;
  return (
    <Select
      value={value ?? undefined} placeholder={placeholder} allowClear={allowClear} disabled={disabled}
      showSearch={{ filterOption: false, onSearch: setQ }}
      notFoundContent={loading ? <Spin size="small" /> : t('workforce.common.noMatch')}
      options={all.map((o) => ({ value: o.value, label: o.label, sub: o.sub }))}
      optionRender={(o) => (
        <div>
          <div>{o.data.label}</div>
          {o.data.sub && <div style={{ fontSize: 12, color: '#999' }}>{o.data.sub}</div>}
        </div>
      )}
      onChange={(v: number | undefined) => {
        const o = all.find((x) => x.value === v);
        setPicked(o ?? null);
        onChange?.(v, o);
      }}
      style={{ width: '100%', ...style }} data-testid={testId}
    />
  );
}

export function UserSelect(p: RemoteProps) {
  return <RemoteSelect {...p} search={async (q) => (await usersApi.list({ q: q || undefined, limit: 20 })).items.map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）`, sub: u.scopeRegion?.name }))} />;
}

interface ResidentHit { id: number; name: string; idNumberMasked?: string; address?: string; householdId?: number | null; age?: number }

export const searchResidents = async (q: string, regionId?: number, limit = 20): Promise<ResidentHit[]> =>
  (await api.get<{ items: ResidentHit[] }>('/residents', { q: q || undefined, regionId, limit })).items;

export function ResidentSelect({ regionId, ...p }: RemoteProps & { regionId?: number }) {
  const { t } = useTranslation();
  return <RemoteSelect {...p} deps={[regionId]} search={async (q) => (await searchResidents(q, regionId)).map((r) => ({ value: r.id, label: r.name, householdId: r.householdId ?? null, sub: [r.age !== undefined ? t('workforce.common.age', { n: r.age }) : null, r.address].filter(Boolean).join(' · ') }))} />;
}

export function BuildingSelect({ regionId, ...p }: RemoteProps & { regionId?: number }) {
  return (
    <RemoteSelect
      {...p} deps={[regionId]}
      search={async (q) => (await api.get<{ items: { id: number; number: string; address: string; estateName: string | null }[] }>('/buildings', { regionId, q: q || undefined, limit: 20 }))
        .items.map((b) => ({ value: b.id, label: [b.estateName, b.number].filter(Boolean).join(' '), sub: b.address }))}
    />
  );
}

export function WorkerSelect({ regionId, kind, ...p }: RemoteProps & { regionId?: number; kind?: string }) {
  return (
    <RemoteSelect
      {...p} deps={[regionId, kind]}
      search={async (q) => (await workersApi.list({ q, regionId, kind, limit: 20 })).items.map((w) => ({ value: w.id, label: w.name, sub: [w.region.name, w.sendingUnit, w.mobileMasked].filter(Boolean).join(' · ') }))}
    />
  );
}
