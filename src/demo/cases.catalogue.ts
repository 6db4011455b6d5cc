// What kinds of problems a year brings, for the demo's cases: the catalogue's top-level
// categories sorted into groups by their names (so any catalogue works, including a local one),
// each group's share, its season, festival peaks, and the words of titles, descriptions, results
// and reasons. Shares follow the shape of published digital city-management figures: street
// appearance and order dominate, disputes and livelihood requests follow, emergencies are rare.
import type { GridKind } from './codes.ts';
import { DAY, dayOf } from './cases.clock.ts';

export type CaseGroup = 'cityscape' | 'streetOrder' | 'facilities' | 'greening' | 'construction' | 'safety' | 'dispute' | 'livelihood' | 'emergency' | 'other';

/** Top-level category name → group (first match wins). */
const GROUP_PATTERNS: [RegExp, CaseGroup][] = [
  [/市容|环境卫生|环卫/, 'cityscape'],
  [/园林|绿化/, 'greening'],
  [/街面|秩序|占道/, 'streetOrder'],
  [/施工|工地|建设|违建|违法建筑/, 'construction'],
  [/安全|隐患|消防/, 'safety'],
  [/矛盾|纠纷|调解|信访/, 'dispute'],
  [/民生|服务|救助|社会保障|诉求/, 'livelihood'],
  [/突发|应急|灾/, 'emergency'],
  [/设施|部件|市政|公用|道路|交通/, 'facilities'],
];

export function groupOf(nameZh: string): CaseGroup {
  for (const [re, g] of GROUP_PATTERNS) if (re.test(nameZh)) return g;
  return 'other';
}

/** Relative share of each group in a year (before seasons and grid kinds). */
export const GROUP_WEIGHT: Record<CaseGroup, number> = {
  cityscape: 30,
  streetOrder: 18,
  facilities: 10,
  greening: 6,
  construction: 7,
  safety: 9,
  dispute: 7,
  livelihood: 10,
  emergency: 1.2,
  other: 3,
};

/** Grid kinds tilt the mix: shops bring street order, parks safety, villages disputes. */
export const KIND_TILT: Partial<Record<GridKind, Partial<Record<CaseGroup, number>>>> = {
  businessDistrict: { streetOrder: 2, cityscape: 1.3, dispute: 0.7 },
  officeBuilding: { streetOrder: 0.7, safety: 1.3, construction: 0.6 },
  industrialPark: { safety: 2.2, construction: 1.8, dispute: 1.2, greening: 0.6 },
  rural: { dispute: 1.6, livelihood: 1.3, streetOrder: 0.4, greening: 1.3, construction: 1.3 },
  dedicated: { safety: 1.4, streetOrder: 1.3 },
};

/** Month factor (Jan … Dec) per group: summer peaks for appearance and greenery, wet-season emergencies. */
const MONTH: Record<CaseGroup, readonly number[]> = {
  cityscape: [0.85, 0.8, 0.9, 1.0, 1.1, 1.3, 1.4, 1.4, 1.2, 1.0, 0.9, 0.85],
  greening: [0.6, 0.6, 0.9, 1.2, 1.4, 1.5, 1.5, 1.4, 1.2, 0.9, 0.7, 0.6],
  streetOrder: [1.0, 1.0, 1.0, 1.0, 1.05, 1.1, 1.15, 1.15, 1.05, 1.05, 1.0, 1.05],
  facilities: [0.9, 0.85, 0.95, 1.0, 1.1, 1.2, 1.2, 1.2, 1.05, 0.95, 0.9, 0.9],
  construction: [0.8, 0.5, 1.0, 1.15, 1.15, 1.1, 1.05, 1.05, 1.1, 1.1, 1.1, 1.0],
  safety: [1.2, 1.3, 1.0, 0.95, 1.0, 1.05, 1.1, 1.1, 1.0, 1.0, 0.95, 1.1],
  dispute: [1.3, 1.2, 1.0, 0.95, 0.95, 0.95, 1.0, 1.0, 0.95, 0.95, 1.0, 1.2],
  livelihood: [1.2, 1.1, 1.0, 0.95, 0.95, 1.0, 1.05, 1.05, 0.95, 0.95, 0.95, 1.1],
  emergency: [0.5, 0.5, 0.7, 1.0, 1.5, 1.8, 1.8, 1.8, 1.4, 0.8, 0.6, 0.5],
  other: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
};

/** 春节 (Spring Festival's first day) by year; 中秋 likewise. National Day is always 1 October. */
const SPRING_FESTIVAL: Record<number, string> = {
  2023: '2023-01-22', 2024: '2024-02-10', 2025: '2025-01-29', 2026: '2026-02-17', 2027: '2027-02-06', 2028: '2028-01-26', 2029: '2029-02-13', 2030: '2030-02-03', 2031: '2031-01-23',
};
const MID_AUTUMN: Record<number, string> = {
  2023: '2023-09-29', 2024: '2024-09-17', 2025: '2025-10-06', 2026: '2026-09-25', 2027: '2027-09-15', 2028: '2028-10-03', 2029: '2029-09-22', 2030: '2030-09-12', 2031: '2031-10-01',
};

/** Festival factor per group: fireworks and crowds before and over a festival, litter after it. */
const FESTIVAL: Partial<Record<CaseGroup, number>> = { cityscape: 1.5, streetOrder: 1.7, safety: 1.9, dispute: 1.3, livelihood: 1.2, construction: 0.4 };

/** Festival windows (local day numbers) touching the given years. */
export function festivalDays(years: number[]): Set<number> {
  const out = new Set<number>();
  for (const y of years) {
    const spring = SPRING_FESTIVAL[y];
    // The days before the festival (wage claims, markets, fireworks) and the first week of it.
    if (spring) for (let d = dayOf(spring) - 10; d <= dayOf(spring) + 7; d++) out.add(d);
    const moon = MID_AUTUMN[y];
    if (moon) for (let d = dayOf(moon) - 2; d <= dayOf(moon) + 1; d++) out.add(d);
    for (let d = dayOf(`${y}-10-01`); d <= dayOf(`${y}-10-07`); d++) out.add(d);
  }
  return out;
}

/** The weight of one local day for a group: month, festival, and fewer patrols on rest days. */
export function dayWeight(group: CaseGroup, day: number, festivals: Set<number>, workday: boolean): number {
  const month = new Date(day * DAY).getUTCMonth();
  let w = MONTH[group][month];
  if (festivals.has(day)) w *= FESTIVAL[group] ?? 1;
  return w * (workday ? 1 : 0.7);
}

/** Where in a grid: a few words before the category's name in a title. */
export const SPOTS = ['门前', '路口', '楼下', '旁', '对面', '巷口', '停车场', '广场', '公交站旁', '菜市场旁', '小区入口', '河边'];

/** How a reporter describes it, per group ({what} = subcategory name, {where} = place). */
export const DESCRIPTIONS: Record<CaseGroup, readonly string[]> = {
  cityscape: ['{where}发现{what}，影响市容，群众反映较多。', '{where}{what}，已持续数日，请尽快清理。', '巡查发现{where}{what}，现场有异味。'],
  greening: ['{where}{what}，影响通行和景观。', '{where}绿地{what}，请园林部门处理。'],
  streetOrder: ['{where}{what}，占用人行道，影响行人通行。', '{where}存在{what}，早晚高峰尤为严重。'],
  facilities: ['{where}{what}，存在安全隐患，请尽快维修。', '{where}{what}，夜间影响居民出行。'],
  construction: ['{where}{what}，噪音扰民，夜间仍在施工。', '{where}{what}，未设置围挡，扬尘较大。'],
  safety: ['{where}{what}，存在较大安全隐患。', '{where}发现{what}，请相关部门尽快排查。'],
  dispute: ['{where}居民反映{what}，双方争执不下，请求调解。', '{where}{what}，当事人情绪激动，需介入化解。'],
  livelihood: ['{where}居民反映{what}，请求协助解决。', '{where}{what}，群众多次来电咨询。'],
  emergency: ['{where}突发{what}，现场需紧急处置。', '{where}{what}，已有群众围观，请立即到场。'],
  other: ['{where}{what}，请核实处理。'],
};

export const RESULTS: Record<CaseGroup, readonly string[]> = {
  cityscape: ['已组织清理，现场恢复整洁。', '已清运完毕并告知物业加强保洁。'],
  greening: ['已修剪清理，绿地恢复。', '已补植并设置护栏。'],
  streetOrder: ['已劝离并规范摆放，现场恢复通行。', '已依法教育并责令整改，复查无反弹。'],
  facilities: ['已更换修复，设施恢复正常。', '已维修完毕并做好警示。'],
  construction: ['已责令停工整改，完善围挡和降尘措施。', '已约谈施工单位，夜间停止施工。'],
  safety: ['隐患已排除，已张贴告知并加强巡查。', '已督促整改完毕，复查合格。'],
  dispute: ['经调解双方达成一致，签订调解协议。', '已组织协商，矛盾化解，当事人表示满意。'],
  livelihood: ['已协调相关部门办理，已回复当事人。', '已上门服务，诉求已解决。'],
  emergency: ['已紧急处置完毕，现场恢复正常。', '已疏散人员并完成抢修。'],
  other: ['已处理完毕。'],
};

export const REJECT_REASONS = ['不属于受理范围', '信息不全，无法核实', '现场核实不存在该问题', '属于私人纠纷，已引导通过司法途径解决'];
export const RETURN_REASONS = ['不属于本部门职责，请重新派遣', '地址有误，请核实后派遣', '应由属地社区先行处置'];
export const REWORK_REASONS = ['现场复核未整改到位', '整改不彻底，问题反弹', '缺少处置后照片，现场仍有残留'];
export const EXTENSION_REASONS = ['需协调多个产权单位，工作量大', '涉及物资采购，需延长办理时限', '天气原因无法施工'];
export const ESCALATE_REASONS = ['涉及多个部门，社区无法协调', '问题复杂，需街道统筹', '跨社区问题，需上级协调'];
export const SHELVE_REASONS = ['需纳入年度改造计划', '涉及历史遗留问题，需长期推进', '需待专项资金下达后实施'];
export const WHISTLE_REASONS = ['问题涉及多个部门，需现场会商', '群众反映强烈，请相关部门到场', '需联合执法'];
export const DISSATISFIED_NOTES = ['问题没有彻底解决', '处理太慢', '处理后又出现了'];
export const SATISFIED_NOTES = ['处理及时，感谢', '', '', '问题已解决'];
export const PROGRESS_NOTES = ['已到现场查看，正在制定方案', '已联系责任单位，正在处置', '已完成部分整改'];
