// Care-group (关爱人群) names by code, for cells, tooltips and drawers.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useApi } from '../../api/useApi';

interface CareGroup { code: string; nameZh: string; nameEn: string }

export function useCareGroupNames(): (code: string) => string {
  const { i18n } = useTranslation();
  // A missing list (no permission, not built yet) only costs the names: codes are shown instead.
  const groups = useApi(() => api.get<{ items: CareGroup[] }>('/care-groups').catch(() => ({ items: [] as CareGroup[] })), []);
  const en = i18n.language === 'en';
  return useCallback((code: string) => {
    const g = groups.data?.items.find((x) => x.code === code);
    return g ? (en ? g.nameEn : g.nameZh) : code;
  }, [groups.data, en]);
}
