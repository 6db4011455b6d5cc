// Display names for codes the server sends (levels, kinds, roles, statuses) with a safe fallback.
import type { TFunction } from 'i18next';

export const levelLabel = (t: TFunction, level: number) => t(`level.${level}`, { defaultValue: String(level) });
export const kindLabel = (t: TFunction, kind: string) => t(`kind.${kind}`, { defaultValue: kind });
export const roleLabel = (t: TFunction, role: string) => t(`role.${role}`, { defaultValue: role });
/** Free attributes: known keys (and values) get a name, any other key is shown as it is. */
export const attributeLabel = (t: TFunction, key: string) => t(`attribute.${key}`, { defaultValue: key });
export const attributeValueLabel = (t: TFunction, key: string, value: string) => t(`attributeValue.${key}.${value}`, { defaultValue: value });
export const counterLabel = (t: TFunction, key: string) => t(`counter.${key}`, { defaultValue: key });
export const actionLabel = (t: TFunction, action: string) => {
  const last = action.split('.').pop() ?? action;
  return t(`audit.actionName.${last}`, { defaultValue: action });
};
export const entityLabel = (t: TFunction, type: string) => t(`audit.entity.${type}`, { defaultValue: type });
