// Size rules (规模规则): a micro-grid holds about 200 residents; a grid about 200 households in old
// estates and about 500 in new ones. Configurable per city; broken rules are warnings with numbers.
import { Type, type Static } from '@sinclair/typebox';
import type { SizeStatus, SizeWarning } from './regions.views.ts';

const Rule = Type.Object(
  {
    target: Type.Integer({ minimum: 1, maximum: 100000 }),
    tolerance: Type.Number({ minimum: 0, maximum: 1 }),
  },
  { additionalProperties: false },
);
export const SizeRulesSchema = Type.Object(
  { microGridResidents: Rule, gridHouseholdsOld: Rule, gridHouseholdsNew: Rule },
  { additionalProperties: false },
);
export type SizeRules = Static<typeof SizeRulesSchema>;

export const DEFAULT_SIZE_RULES: SizeRules = {
  microGridResidents: { target: 200, tolerance: 0.4 },
  gridHouseholdsOld: { target: 200, tolerance: 0.5 },
  gridHouseholdsNew: { target: 500, tolerance: 0.4 },
};

export type { SizeStatus, SizeWarning };

interface Evaluated {
  status: SizeStatus;
  warning: SizeWarning | null;
}

const LABEL = {
  MICROGRID_RESIDENTS: { zh: '微网格约{target}人', en: 'micro-grid of about {target} residents', unitZh: '人', unitEn: 'residents' },
  GRID_HOUSEHOLDS: { zh: '网格约{target}户', en: 'grid of about {target} households', unitZh: '户', unitEn: 'households' },
} as const;

function message(code: SizeWarning['code'], w: Omit<SizeWarning, 'message' | 'code' | 'measure'>, lang: 'zh-CN' | 'en'): string {
  const l = LABEL[code];
  if (lang === 'en') {
    const side = w.status === 'over' ? `above the upper limit ${w.max}` : `below the lower limit ${w.min}`;
    return `${l.en.replace('{target}', String(w.target))}: actual ${w.actual} ${l.unitEn}, ${side}`;
  }
  const side = w.status === 'over' ? `超出上限 ${w.max}` : `低于下限 ${w.min}`;
  return `${l.zh.replace('{target}', String(w.target))}：实有 ${w.actual} ${l.unitZh}，${side}`;
}

/** Applies the rules to one region. Regions without the measured counter are 'unknown', not wrong. */
export function evaluateSize(
  level: number,
  attributes: Record<string, unknown>,
  counters: Record<string, number> | undefined,
  rules: SizeRules,
  lang: 'zh-CN' | 'en' = 'zh-CN',
): Evaluated {
  let code: SizeWarning['code'];
  let measure: string;
  let rule: { target: number; tolerance: number };
  if (level === 6) {
    code = 'MICROGRID_RESIDENTS';
    measure = 'residents';
    rule = rules.microGridResidents;
  } else if (level === 5) {
    code = 'GRID_HOUSEHOLDS';
    measure = 'households';
    rule = attributes.estateAge === 'new' ? rules.gridHouseholdsNew : rules.gridHouseholdsOld;
  } else return { status: 'unknown', warning: null };
  const actual = counters?.[measure];
  if (actual === undefined) return { status: 'unknown', warning: null };
  const min = Math.round(rule.target * (1 - rule.tolerance));
  const max = Math.round(rule.target * (1 + rule.tolerance));
  if (actual >= min && actual <= max) return { status: 'ok', warning: null };
  const base = { actual, target: rule.target, min, max, status: actual > max ? ('over' as const) : ('under' as const) };
  return { status: base.status, warning: { code, measure, ...base, message: message(code, base, lang) } };
}
