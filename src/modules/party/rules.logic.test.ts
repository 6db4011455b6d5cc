// The party rules on the edges of their ranges (100 vs 101 members, half vs more than half, the
// end date vs the day after), and how stored rules are read and checked.
import { describe, expect, it } from 'vitest';
import { partyLedOf } from '../registry/organizations.model.ts';
import { DEFAULT_PARTY_RULES } from './party.model.ts';
import { branchTooLarge, branchTooLargeWarning, daysBetween, effectiveRules, rulesProblem, temporaryExpired } from './rules.logic.ts';

describe('branch size', () => {
  it('allows 100 and flags 101 by default', () => {
    expect(branchTooLarge(100, DEFAULT_PARTY_RULES)).toBe(false);
    expect(branchTooLarge(101, DEFAULT_PARTY_RULES)).toBe(true);
    expect(branchTooLarge(101, { ...DEFAULT_PARTY_RULES, branchMaxMembers: 101 })).toBe(false);
  });
  it('says so with the numbers', () => {
    const w = branchTooLargeWarning({ id: 7, name: '一支部' }, null, 101, DEFAULT_PARTY_RULES);
    expect(w.numbers).toEqual({ members: 101, max: 100 });
    expect(w.message.zh).toBe('一支部 有党员 101 名，超过 100 名，应改设党总支或党委');
  });
});

describe("party-led owners' committees", () => {
  it('needs more than half: 2 of 4 is not, 3 of 4 and 3 of 5 are', () => {
    expect(partyLedOf('ownersCommittee', 2, 4)).toBe(false);
    expect(partyLedOf('ownersCommittee', 3, 4)).toBe(true);
    expect(partyLedOf('ownersCommittee', 2, 5)).toBe(false);
    expect(partyLedOf('ownersCommittee', 3, 5)).toBe(true);
    expect(partyLedOf('ownersCommittee', 0, 0)).toBe(false);
    expect(partyLedOf('communityTeam', 5, 5)).toBeNull();
  });
});

describe('temporary branches', () => {
  it('are past their end the day after it', () => {
    expect(temporaryExpired('2026-03-01', '2026-03-01')).toBe(false);
    expect(temporaryExpired('2026-03-01', '2026-03-02')).toBe(true);
    expect(temporaryExpired(null, '2099-01-01')).toBe(false);
    expect(daysBetween('2026-02-28', '2026-03-01')).toBe(1);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
  });
});

describe('stored rules', () => {
  it('fall back to the defaults part by part', () => {
    expect(effectiveRules(null)).toEqual(DEFAULT_PARTY_RULES);
    expect(effectiveRules({ branchMaxMembers: 80 })).toEqual({ ...DEFAULT_PARTY_RULES, branchMaxMembers: 80 });
    expect(effectiveRules({ branchMaxMembers: 0, householdsPerLiaison: { min: 60, max: 50 }, liaisonsPerLeader: { min: 4, max: 8 } })).toEqual({ ...DEFAULT_PARTY_RULES, liaisonsPerLeader: { min: 4, max: 8 } });
    expect(effectiveRules('nonsense')).toEqual(DEFAULT_PARTY_RULES);
  });
  it('are checked before saving', () => {
    expect(rulesProblem(DEFAULT_PARTY_RULES)).toBeNull();
    expect(rulesProblem({ ...DEFAULT_PARTY_RULES, householdsPerLiaison: { min: 50, max: 50 } })).toBeNull();
    expect(rulesProblem({ ...DEFAULT_PARTY_RULES, householdsPerLiaison: { min: 51, max: 50 } })?.reason.zh).toBe('下限 51 大于上限 50');
    expect(rulesProblem({ ...DEFAULT_PARTY_RULES, branchMaxMembers: 1.5 })?.field.en).toBe('branch member limit');
    expect(rulesProblem({ ...DEFAULT_PARTY_RULES, liaisonsPerLeader: { min: 0, max: 10 } })?.field.zh).toBe('党小组长联系中心户数');
  });
});
