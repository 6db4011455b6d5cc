// Puts the server's field problems (REGISTRY_FIELD_INVALID details.problems) on the form's own fields;
// whatever has no field left over is returned for an alert above the form.
import type { FormInstance } from 'antd';
import { ApiError } from '../../api/client';
import { errorMessage } from '../../api/useApi';

interface Problem { column: string; reason: string | { zh: string; en: string } }

const ALIASES: Record<string, string> = { regionCode: 'regionId', estate: 'dwellingId', building: 'dwellingId', unit: 'dwellingId', room: 'dwellingId', householdHeadIdNumber: 'householdId' };

export function applyServerErrors(form: FormInstance, e: unknown, lang: string, fields: string[]): string | null {
  if (!(e instanceof ApiError)) return errorMessage(e);
  const details = e.details as { problems?: Problem[] } | undefined;
  const problems = Array.isArray(details?.problems) ? details.problems : [];
  const byField = new Map<string, string[]>();
  const rest: string[] = [];
  for (const p of problems) {
    const field = ALIASES[p.column] ?? p.column;
    const reason = typeof p.reason === 'string' ? p.reason : lang === 'en' ? p.reason.en : p.reason.zh;
    if (fields.includes(field)) byField.set(field, [...(byField.get(field) ?? []), reason]);
    else rest.push(reason);
  }
  // Errors without details that still name one field.
  if (!problems.length) {
    if (e.code === 'REGISTRY_DUPLICATE' && fields.includes('idNumber')) byField.set('idNumber', [e.message]);
    else if (e.code === 'REGISTRY_PLACEMENT' && fields.includes('regionId')) byField.set('regionId', [e.message]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  if (byField.size && !rest.length) return null;
  return rest.length ? rest.join('；') : e.message;
}
