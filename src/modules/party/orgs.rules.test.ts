// The organization tree's shape rules: parent kinds, levels, same-or-higher regions, attachments
// and a temporary branch's dates.
import { describe, expect, it } from 'vitest';
import { inferAttachKind, isDay, levelProblem, parentProblem, shapeProblems, todayShanghai, type OrgShape } from './orgs.rules.ts';

const shape = (over: Partial<OrgShape>): OrgShape => ({
  kind: 'branch', name: '支部', attachKind: 'region', estateId: null, buildingId: null, institutionId: null, joint: false, establishedOn: null, startOn: null, endOn: null, ...over,
});
const parent = (kind: string, regionPath = '/1/2/', archived = false) => ({ id: 1, kind, name: '上级', regionPath, archived });

describe('parents', () => {
  it('puts groups under branches, general branches and temporary branches only, and never alone', () => {
    expect(parentProblem('group', '/1/2/3/', null)?.field).toBe('parentId');
    expect(parentProblem('group', '/1/2/3/', parent('branch'))).toBeNull();
    expect(parentProblem('group', '/1/2/3/', parent('generalBranch'))).toBeNull();
    expect(parentProblem('group', '/1/2/3/', parent('temporaryBranch'))).toBeNull();
    expect(parentProblem('group', '/1/2/3/', parent('committee'))?.reason.zh).toBe('党小组的上级只能是党总支、党支部、临时党支部');
  });
  it('keeps the street working committee at the top', () => {
    expect(parentProblem('streetWorkingCommittee', '/1/2/', null)).toBeNull();
    expect(parentProblem('streetWorkingCommittee', '/1/2/', parent('committee'))?.reason.en).toBe('a streetWorkingCommittee has no parent organization');
  });
  it('wants the parent on the same or a higher region, and active', () => {
    expect(parentProblem('branch', '/1/2/', parent('committee', '/1/2/'))).toBeNull();
    expect(parentProblem('branch', '/1/2/3/', parent('committee', '/1/2/'))).toBeNull();
    expect(parentProblem('branch', '/1/2/', parent('committee', '/1/2/3/'))?.reason.en).toContain('same or a higher region');
    expect(parentProblem('branch', '/1/20/', parent('committee', '/1/2/'))?.field).toBe('parentId');
    expect(parentProblem('branch', '/1/2/', parent('committee', '/1/2/', true))?.reason.zh).toBe('上级 已撤销');
  });
});

describe('levels', () => {
  it('puts a street working committee on a street only', () => {
    expect(levelProblem('streetWorkingCommittee', 3, '某街道')).toBeNull();
    expect(levelProblem('streetWorkingCommittee', 4, '某社区')?.reason.zh).toBe('党工委只能设在街道，某社区 是社区');
    expect(levelProblem('branch', 6, '微网格')).toBeNull();
    expect(levelProblem('branch', 2, '某区')?.field).toBe('regionId');
  });
});

describe('shape', () => {
  const today = '2026-06-01';
  it('needs the id of what it is attached to, and no other', () => {
    expect(shapeProblems(shape({ attachKind: 'estate' }), today)[0]).toMatchObject({ field: 'estateId' });
    expect(shapeProblems(shape({ attachKind: 'estate', estateId: 3 }), today)).toEqual([]);
    expect(shapeProblems(shape({ attachKind: 'estate', estateId: 3, buildingId: 4 }), today)[0]).toMatchObject({ field: 'buildingId' });
    expect(shapeProblems(shape({ kind: 'streetWorkingCommittee', attachKind: 'institution', institutionId: 3 }), today)[0].reason.en).toBe('a street working committee sits on a street');
    expect(inferAttachKind({ buildingId: 2, estateId: 1 })).toBe('building');
    expect(inferAttachKind({})).toBe('region');
  });
  it('gives a temporary branch a start, and an end not before it', () => {
    expect(shapeProblems(shape({ kind: 'temporaryBranch' }), today)[0].field).toBe('startOn');
    expect(shapeProblems(shape({ kind: 'temporaryBranch', startOn: '2026-03-01', endOn: '2026-03-01' }), today)).toEqual([]);
    expect(shapeProblems(shape({ kind: 'temporaryBranch', startOn: '2026-03-01', endOn: '2026-02-28' }), today)[0].field).toBe('endOn');
    expect(shapeProblems(shape({ startOn: '2026-03-01' }), today)[0].field).toBe('startOn');
  });
  it('refuses a founding date after today, joint branches, unknown kinds and blank names', () => {
    expect(shapeProblems(shape({ establishedOn: today }), today)).toEqual([]);
    expect(shapeProblems(shape({ establishedOn: '2026-06-02' }), today)[0].field).toBe('establishedOn');
    expect(shapeProblems(shape({ joint: true }), today)[0].field).toBe('joint');
    expect(shapeProblems(shape({ kind: 'committee', joint: true }), today)).toEqual([]);
    expect(shapeProblems(shape({ kind: 'club' }), today)[0].field).toBe('kind');
    expect(shapeProblems(shape({ name: '  ' }), today)[0].field).toBe('name');
  });
});

describe('dates', () => {
  it('knows real days', () => {
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2026-2-1')).toBe(false);
  });
  it('counts today in Asia/Shanghai', () => {
    expect(todayShanghai(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
    expect(todayShanghai(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
  });
});
