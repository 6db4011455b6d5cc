// Pieces the party pages share: the region bar (defaulting to the caller's scope), pickers for
// organizations, members, residents, institutions and buildings, labels and small formatters.
import { Select, Space, Spin, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/useApi';
import { useAuth } from '../auth/AuthContext';
import { RegionPicker } from '../regions/RegionPicker';
import { partyApi, type MemberKind, type PartyOrgView, type ResidentHit } from './api';

/** The region a party page starts at: the caller's scope (null = whole system). */
export function useScopeRegion(): { id: number; name: string } | null {
  const { user } = useAuth();
  return user?.scopeRegion ? { id: user.scopeRegion.id, name: user.scopeRegion.name } : null;
}

/** A region filter that starts at the caller's scope; clearing it goes back to the whole scope. */
export function useRegionFilter() {
  const scope = useScopeRegion();
  const [region, setRegion] = useState<{ id: number; name: string } | null>(scope);
  return { regionId: region?.id ?? scope?.id, region: region ?? scope, setRegion, scope };
}

export function RegionFilter({ value, onChange, level, width = 220, testId }: {
  value: { id: number; name: string } | null; onChange: (r: { id: number; name: string } | null) => void; level?: number; width?: number; testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Labeled label={t('party.common.region')}>
      <RegionPicker value={value?.id ?? null} initial={value} level={level} style={{ width }} testId={testId}
        placeholder={t('party.common.allScope')}
        onChange={(id, r) => onChange(id ? { id, name: r?.name ?? value?.name ?? '' } : null)} />
    </Labeled>
  );
}

export function Labeled({ label, children }: { label: string; children: ReactNode }) {
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
      <span style={{ color: '#595959', whiteSpace: 'nowrap' }}>{label}</span>
      {children}
    </span>
  );
}

export function FilterBar({ children }: { children: ReactNode }) {
  return <Space wrap size={[12, 8]} style={{ marginBottom: 12 }}>{children}</Space>;
}

const ORG_KIND_COLORS: Record<string, string> = {
  streetWorkingCommittee: 'volcano', committee: 'red', generalBranch: 'magenta', branch: 'gold', group: 'orange', temporaryBranch: 'purple',
};
export function OrgKindTag({ kind }: { kind: string }) {
  const { t } = useTranslation();
  return <Tag color={ORG_KIND_COLORS[kind] ?? 'default'} style={{ marginInlineEnd: 0 }}>{t(`party.orgKind.${kind}`, { defaultValue: kind })}</Tag>;
}
const MEMBER_KIND_COLORS: Record<string, string> = { inService: 'blue', retired: 'default', mobile: 'cyan', seasonal: 'geekblue' };
export function MemberKindTag({ kind }: { kind: string }) {
  const { t } = useTranslation();
  return <Tag color={MEMBER_KIND_COLORS[kind] ?? 'default'} style={{ marginInlineEnd: 0 }}>{t(`party.memberKind.${kind}`, { defaultValue: kind })}</Tag>;
}

/** The parties' organizations in a region, for pickers (loaded once per region). */
export function useOrgs(regionId?: number, includeArchived = false) {
  return useApi(() => partyApi.orgs({ regionId, includeArchived }), [regionId, includeArchived]);
}

export function OrgSelect({ value, onChange, regionId, filter, placeholder, allowClear = true, width = 240, testId, exclude = [] }: {
  value?: number | null; onChange?: (id: number | null, org?: PartyOrgView) => void; regionId?: number; filter?: (o: PartyOrgView) => boolean;
  placeholder?: string; allowClear?: boolean; width?: number | string; testId?: string; exclude?: number[];
}) {
  const { t } = useTranslation();
  const orgs = useOrgs(regionId);
  const items = (orgs.data?.items ?? []).filter((o) => !o.archivedAt && !exclude.includes(o.id) && (!filter || filter(o)));
  return (
    <Select
      value={value ?? undefined} allowClear={allowClear} loading={orgs.loading} style={{ width }} data-testid={testId}
      placeholder={placeholder ?? t('party.common.chooseOrg')}
      showSearch={{ filterOption: (input, o) => String(o?.label ?? '').toLowerCase().includes(input.toLowerCase()) }}
      options={items.map((o) => ({ value: o.id, label: `${o.name}（${t(`party.orgKind.${o.kind}`, { defaultValue: o.kindLabel })}）` }))}
      onChange={(v: number | undefined) => onChange?.(v ?? null, items.find((o) => o.id === v))}
    />
  );
}

/** Server-side search over party members (name, initials). */
export function MemberSelect({ value, initial, onChange, regionId, orgId, kind, placeholder, width = 240, testId, allowClear = true }: {
  value?: number | null; initial?: { id: number; name: string } | null; onChange?: (id: number | null, name?: string) => void;
  regionId?: number; orgId?: number; kind?: MemberKind; placeholder?: string; width?: number | string; testId?: string; allowClear?: boolean;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  // Within an organization: its own members and those of the organizations under it.
  const hits = useApi(() => partyApi.members({ q: text || undefined, regionId, orgId, kind, includeSubOrgs: orgId ? true : undefined }, 20, 0), [text, regionId, orgId, kind]);
  const options = (hits.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.name}　${m.org.name}` }));
  if (value != null && initial && !options.some((o) => o.value === value)) options.unshift({ value, label: initial.name });
  return (
    <Select
      value={value ?? undefined} allowClear={allowClear} style={{ width }} data-testid={testId}
      placeholder={placeholder ?? t('party.common.chooseMember')}
      showSearch={{ filterOption: false, onSearch: setText }}
      notFoundContent={hits.loading ? <Spin size="small" /> : t('party.common.noMatch')}
      options={options}
      onChange={(v: number | undefined) => onChange?.(v ?? null, options.find((o) => o.value === v)?.label.split('　')[0])}
    />
  );
}

/** Residents by name, initials or ID tail (as the registry pages search them). */
export function ResidentSelect({ onPick, width = 360, testId }: { onPick: (r: ResidentHit | null) => void; width?: number | string; testId?: string }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [value, setValue] = useState<number>();
  const hits = useApi(() => (text ? partyApi.residents(text) : Promise.resolve({ items: [] as ResidentHit[] })), [text]);
  const items = hits.data?.items ?? [];
  return (
    <Select
      value={value} allowClear style={{ width }} data-testid={testId} placeholder={t('party.common.searchResident')}
      showSearch={{ filterOption: false, onSearch: setText }}
      notFoundContent={hits.loading ? <Spin size="small" /> : text ? t('party.common.noMatch') : t('party.common.typeToSearch')}
      options={items.map((r) => ({ value: r.id, label: `${r.name}　${r.idNumberMasked}　${r.address || r.region?.name || ''}` }))}
      onChange={(id: number | undefined) => { setValue(id); onPick(items.find((r) => r.id === id) ?? null); }}
    />
  );
}

/** 驻区单位 (resident institutions) of the registry. */
export function InstitutionSelect({ value, onChange, regionId, width = 240, testId, initial }: {
  value?: number | null; onChange?: (id: number | null, name?: string) => void; regionId?: number; width?: number | string; testId?: string; initial?: { id: number; name: string } | null;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const hits = useApi(() => partyApi.institutions(text, regionId), [text, regionId]);
  const options = (hits.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }));
  if (value != null && initial && !options.some((o) => o.value === value)) options.unshift({ value, label: initial.name });
  return (
    <Select
      value={value ?? undefined} allowClear style={{ width }} data-testid={testId} placeholder={t('party.common.chooseInstitution')}
      showSearch={{ filterOption: false, onSearch: setText }} loading={hits.loading}
      notFoundContent={hits.loading ? <Spin size="small" /> : t('party.common.noMatch')}
      options={options}
      onChange={(v: number | undefined) => onChange?.(v ?? null, options.find((o) => o.value === v)?.label)}
    />
  );
}

export function BuildingSelect({ value, onChange, regionId, width = 280, testId, initial }: {
  value?: number | null; onChange?: (id: number | null, name?: string) => void; regionId?: number; width?: number | string; testId?: string; initial?: { id: number; name: string } | null;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const hits = useApi(() => partyApi.buildings(text, regionId), [text, regionId]);
  const number = (n: string) => (/^\d+$/.test(n) ? t('party.links.buildingNo', { n }) : n);
  const options = (hits.data?.items ?? []).map((b) => ({ value: b.id, label: [b.estateName, number(b.number)].filter(Boolean).join(' ') + (b.address ? `　${b.address}` : '') }));
  if (value != null && initial && !options.some((o) => o.value === value)) options.unshift({ value, label: initial.name });
  return (
    <Select
      value={value ?? undefined} allowClear style={{ width }} data-testid={testId} placeholder={t('party.common.searchBuilding')}
      showSearch={{ filterOption: false, onSearch: setText }}
      notFoundContent={hits.loading ? <Spin size="small" /> : t('party.common.noMatch')}
      options={options}
      onChange={(v: number | undefined) => onChange?.(v ?? null, options.find((o) => o.value === v)?.label)}
    />
  );
}

export const day = (s: string | null | undefined): Dayjs | null => (s ? dayjs(s) : null);
export const ymd = (d: Dayjs | null | undefined): string | null => (d ? d.format('YYYY-MM-DD') : null);
export const today = () => dayjs().format('YYYY-MM-DD');

/** A ratio as offices write it: 0.987 → "98.7%", 1 → "100%"; null (nothing to cover) → "—". */
export function pct(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  const p = Math.round(v * 1000) / 10;
  return `${p}%`;
}

/** Thousands separators as offices write them (2,457). */
export const num = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toLocaleString('en-US'));

/** The Chinese or English text of a bilingual message. */
export function useBi() {
  const { i18n } = useTranslation();
  return (m: { zh: string; en: string } | null | undefined) => (m ? (i18n.language === 'en' ? m.en : m.zh) : '');
}
