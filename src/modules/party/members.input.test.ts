// A member's own fields: the age at joining (18 exactly is fine), dates, mobiles, skills.
import { describe, expect, it } from 'vitest';
import { checkMemberFields, type MemberFields } from './members.input.ts';

const base: MemberFields = { name: '王某', gender: 'male', birthDate: '1990-01-01', mobile: null, kind: 'retired', standing: 'full', joinedPartyOn: null, employer: '', skills: [] };
const today = '2026-06-01';
const problem = (over: Partial<MemberFields>) => {
  const r = checkMemberFields({ ...base, ...over }, today);
  return r.ok ? null : r.problem;
};

describe('member fields', () => {
  it('admits at eighteen, not the day before', () => {
    expect(problem({ joinedPartyOn: '2008-01-01' })).toBeNull();
    expect(problem({ joinedPartyOn: '2007-12-31' })?.field).toBe('joinedPartyOn');
    // Born on 29 February: eighteen on 1 March of a common year (the string compare agrees).
    expect(problem({ birthDate: '2004-02-29', joinedPartyOn: '2022-03-01' })).toBeNull();
    expect(problem({ birthDate: '2004-02-29', joinedPartyOn: '2022-02-28' })?.field).toBe('joinedPartyOn');
  });
  it('refuses dates after today and days that do not exist', () => {
    expect(problem({ joinedPartyOn: today })).toBeNull();
    expect(problem({ joinedPartyOn: '2026-06-02' })?.reason.en).toBe('cannot be in the future');
    expect(problem({ birthDate: '1990-02-30' })?.field).toBe('birthDate');
  });
  it('normalizes mobiles and skills', () => {
    const r = checkMemberFields({ ...base, mobile: '+86 138-1234-5678', skills: [' 电工 ', '电工', ''] }, today);
    expect(r.ok && r.value).toMatchObject({ mobile: '13812345678', skills: ['电工'] });
    expect(problem({ mobile: '1381234567' })?.field).toBe('mobile');
    expect(problem({ skills: ['一'.repeat(30)] })).toBeNull();
    expect(problem({ skills: ['一'.repeat(31)] })?.field).toBe('skills');
    expect(problem({ skills: Array.from({ length: 20 }, (_, i) => `技能${i}`) })).toBeNull();
    expect(problem({ skills: Array.from({ length: 21 }, (_, i) => `技能${i}`) })?.field).toBe('skills');
  });
  it('needs a name, a gender and known kinds', () => {
    expect(problem({ name: ' ' })?.field).toBe('name');
    expect(problem({ gender: 'x' })?.field).toBe('gender');
    expect(problem({ kind: 'honorary' })?.field).toBe('kind');
    expect(problem({ standing: 'candidate' })?.field).toBe('standing');
  });
});
