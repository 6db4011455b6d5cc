// The care-group list (特殊人群) is small and rarely changes: loaded once per page load and shared
// by the filters, the forms, the tag colours and the region counters' labels.
import { useEffect, useState } from 'react';
import type { CareGroupView } from '../../api/types';
import { careGroupsApi } from './api';

let cache: Promise<CareGroupView[]> | null = null;
const listeners = new Set<(g: CareGroupView[]) => void>();

function load(): Promise<CareGroupView[]> {
  cache ??= careGroupsApi.list().then((r) => [...r.items].sort((a, b) => a.sort - b.sort || a.code.localeCompare(b.code)), (e: unknown) => { cache = null; throw e; });
  return cache;
}

/** After an edit on the settings page: everyone re-reads. */
export function invalidateCareGroups(): void {
  cache = null;
  void load().then((g) => listeners.forEach((l) => l(g)), () => undefined);
}

const COLORS = ['volcano', 'orange', 'gold', 'magenta', 'purple', 'geekblue', 'cyan', 'green', 'lime', 'blue', 'red'];

export function useCareGroups() {
  const [groups, setGroups] = useState<CareGroupView[]>([]);
  useEffect(() => {
    let live = true;
    const set = (g: CareGroupView[]) => { if (live) setGroups(g); };
    listeners.add(set);
    load().then(set, () => undefined);
    return () => { live = false; listeners.delete(set); };
  }, []);
  const index = new Map(groups.map((g, i) => [g.code, i]));
  return {
    groups,
    nameOf: (code: string, lang: string) => {
      const g = groups.find((x) => x.code === code);
      return g ? (lang === 'en' ? g.nameEn : g.nameZh) : code;
    },
    colorOf: (code: string) => COLORS[(index.get(code) ?? COLORS.length - 1) % COLORS.length],
  };
}
