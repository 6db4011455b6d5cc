// Display names for codes the server sends (levels, kinds, roles, statuses) with a safe fallback.
import type { TFunction } from 'i18next';

export const levelLabel = (t: TFunction, level: number) => t(`level.${level}`, { defaultValue: String(level) });
export const kindLabel = (t: TFunction, kind: string) => t(`kind.${kind}`, { defaultValue: kind });
export const roleLabel = (t: TFunction, role: string) => t(`role.${role}`, { defaultValue: role });
export const counterLabel = (t: TFunction, key: string) => t(`counter.${key}`, { defaultValue: key });
export const actionLabel = (t: TFunction, action: string) => {
  const last = action.split('.').pop() ?? action;
  return t(`audit.actionName.${last}`, { defaultValue: action });
};
export const entityLabel = (t: TFunction, type: string) => t(`audit.entity.${type}`, { defaultValue: type });
