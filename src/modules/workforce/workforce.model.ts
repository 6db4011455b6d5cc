// Vocabulary of the grid workforce (网格力量): position kinds and where each may sit, visit
// purposes, review directions, and the configurable thresholds of the weekly rules.
import type { Bilingual } from '../../shared/errors.ts';

export const POSITION_KINDS = {
  gridChief: '网格长',
  gridWorkerFullTime: '专职网格员',
  gridWorkerPartTime: '兼职网格员',
  informant: '信息员',
  patrolMember: '联防员',
  buildingHead: '楼栋长',
  unitHead: '单元长',
  supervisor: '督导员',
  zoneChief: '片长',
  deputyZoneChief: '副片长',
  pairedDeputy: '双副组长',
  stationedMember: '驻村(社区)队员',
} as const;
export type PositionKind = keyof typeof POSITION_KINDS;
/** Positions whose holders fall under the 5-3-10 rule (they work a grid). */
export const RULE_5310_KINDS: readonly PositionKind[] = ['gridChief', 'gridWorkerFullTime', 'gridWorkerPartTime'];

export const SENDING_UNIT_KINDS = { town: '镇(街道)', department: '区直部门' } as const;
export const VISIT_PURPOSES = { patrol: '巡查走访', stationed: '驻点走访', contact: '联系走访', other: '其他' } as const;
export type VisitPurpose = keyof typeof VISIT_PURPOSES;
export const REVIEW_SUBJECTS = { pairedDeputy: '双副组长', stationedTeam: '驻村(社区)团队' } as const;
export const REVIEW_DIRECTIONS = { communityRatesSubject: '社区评价', subjectRatesCommunity: '评价社区' } as const;

/**
 * The rules' thresholds (settings key `workforce.rules`, editable). 5-3-10: per person and ISO
 * week, at least `entries` visits into their grid that each last at least `hoursPerEntry`, and at
 * least `residents` distinct residents visited. Stationed teams: `teamVisits` visit days a week,
 * one on the team's fixed weekday. Paired deputies: a case first reported by the public in their
 * grid with no visit of theirs in the `deputyLookbackWeeks` weeks before is flagged. Reviews: the
 * top `excellentShare` of each quarter's subjects are marked excellent.
 */
export interface WorkforceRules {
  entries: number;
  hoursPerEntry: number;
  residents: number;
  teamVisits: number;
  teamMinMembers: number;
  deputyLookbackWeeks: number;
  excellentShare: number;
}
export const DEFAULT_WORKFORCE_RULES: WorkforceRules = {
  entries: 5,
  hoursPerEntry: 3,
  residents: 10,
  teamVisits: 2,
  teamMinMembers: 3,
  deputyLookbackWeeks: 4,
  excellentShare: 0.2,
};
export const WORKFORCE_RULES_SETTING = 'workforce.rules';

export const WORKFORCE_ENTITIES = {
  worker: { zh: '人员', en: 'Worker' },
  position: { zh: '岗位', en: 'Position' },
  stationedTeam: { zh: '驻村(社区)团队', en: 'Stationed team' },
  visit: { zh: '走访记录', en: 'Visit' },
  review: { zh: '评价', en: 'Review' },
} satisfies Record<string, Bilingual>;
export type WorkforceEntity = keyof typeof WORKFORCE_ENTITIES;
