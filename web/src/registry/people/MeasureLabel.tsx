// Names of the registry's counter measures on region pages ('residents.migrant', 'careGroup.disabled',
// 'organizations.communityTeam' ...). Keys with a dot are not nested i18n keys, so they are mapped here.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { counterLabel } from '../../i18n/names';
import { useCareGroups } from './careGroups';

export function measureLabel(t: TFunction, key: string, careGroupName?: (code: string) => string): string {
  const own = t(`people.measure.${key.replace(/\./g, '_')}`, { defaultValue: '' });
  if (own) return own;
  if (key.startsWith('careGroup.') && careGroupName) return careGroupName(key.slice('careGroup.'.length));
  if (key.startsWith('organizations.')) {
    const kind = t(`people.orgKind.${key.slice('organizations.'.length)}`, { defaultValue: '' });
    if (kind) return kind;
  }
  return counterLabel(t, key);
}

/** A counter's title; care-group names come from the configurable list. */
export function MeasureLabel({ measure }: { measure: string }) {
  const { t, i18n } = useTranslation();
  const { nameOf } = useCareGroups();
  return <>{measureLabel(t, measure, (code) => nameOf(code, i18n.language))}</>;
}

/** Sections of the region page's counters, in reading order; a measure goes to the first section whose test it passes. */
const SECTIONS: { key: 'people' | 'housing' | 'places' | 'other'; order: string[]; test: (k: string) => boolean }[] = [
  {
    key: 'people',
    order: ['residents', 'residents.registered', 'residents.migrant', 'residents.foreign', 'households', 'seasonalResidents', 'careGroupMembers'],
    test: (k) => k.startsWith('residents') || k === 'households' || k === 'seasonalResidents' || k.startsWith('careGroup'),
  },
  { key: 'housing', order: ['estates', 'estates.unmanaged', 'buildings', 'dwellings', 'dwellings.vacant', 'rentals'], test: (k) => /^(estates|buildings|dwellings|rentals)/.test(k) },
  { key: 'places', order: ['places', 'organizations'], test: (k) => k.startsWith('places') || k.startsWith('organizations') || k === 'assets' },
  { key: 'other', order: [], test: () => true },
];

/** Counters grouped into sections, each in a fixed order (named measures first, then the rest by key). */
export function groupMeasures(counters: Record<string, number>): { key: string; items: [string, number][] }[] {
  const out = SECTIONS.map((s) => ({ key: s.key, order: s.order, items: [] as [string, number][] }));
  for (const entry of Object.entries(counters)) out[SECTIONS.findIndex((s) => s.test(entry[0]))].items.push(entry);
  const rank = (order: string[], k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  for (const s of out) s.items.sort(([a], [b]) => rank(s.order, a) - rank(s.order, b) || a.localeCompare(b));
  return out.filter((s) => s.items.length > 0).map(({ key, items }) => ({ key, items }));
}
