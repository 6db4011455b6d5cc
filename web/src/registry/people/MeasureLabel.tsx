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
