// Who acts on the demo's cases: the demo account of a desk, grid or department where the demo
// has one (sq01 at her community's desk, wgy01 in his grid, bm01 for 城管 …), otherwise a person
// named once per desk, grid or department (the same name all year), without an account.
import type { DemoCity } from './index.ts';
import type { DemoActor } from './cases.life.ts';
import { personName } from './names.ts';
import { Rng } from './random.ts';
import type { DeskLevel } from '../modules/cases/cases.workflow.ts';

const DESK_KIND = { community: 'communityDispatcher', street: 'streetDispatcher', district: 'districtDispatcher' } as const;
const DESK_ROLES: Record<DeskLevel, string> = { community: 'communityStaff', street: 'streetStaff', district: 'districtStaff' };

export function codeHash(seed: number, code: string): number {
  let h = seed ^ 0x2545f491;
  for (let i = 0; i < code.length; i++) h = Math.imul(h ^ code.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class Actors {
  private readonly names = new Map<string, string>();
  private readonly byScopeRole = new Map<string, { username: string; name: string }>();
  private readonly byDepartment = new Map<string, { username: string; name: string }>();
  readonly system: DemoActor = { kind: 'system', username: null, name: '系统' };

  constructor(private readonly city: DemoCity) {
    for (const a of city.accounts) {
      // The first account per (scope, role) acts: sq01 rather than sj01 at the same desk.
      for (const role of a.roles) {
        const key = `${a.scopeCode}|${role}`;
        if (!this.byScopeRole.has(key)) this.byScopeRole.set(key, { username: a.username, name: a.displayName });
      }
      if (a.departmentCode && a.roles.includes('departmentHandler') && !this.byDepartment.has(a.departmentCode)) {
        this.byDepartment.set(a.departmentCode, { username: a.username, name: a.displayName });
      }
    }
  }

  /** A stable person name for a place or unit without a demo account. */
  private nameFor(key: string): string {
    let n = this.names.get(key);
    if (!n) {
      n = personName(new Rng(codeHash(this.city.seed, key)));
      this.names.set(key, n);
    }
    return n;
  }

  desk(level: DeskLevel, deskCode: string): DemoActor {
    const acc = this.byScopeRole.get(`${deskCode}|${DESK_ROLES[level]}`);
    return { kind: DESK_KIND[level], username: acc?.username ?? null, name: acc?.name ?? this.nameFor(`desk:${deskCode}`) };
  }

  gridWorker(gridCode: string): DemoActor {
    const acc = this.byScopeRole.get(`${gridCode}|gridWorker`) ?? this.byScopeRole.get(`${gridCode}|gridChief`);
    return { kind: 'gridWorker', username: acc?.username ?? null, name: acc?.name ?? this.nameFor(`grid:${gridCode}`) };
  }

  handler(departmentCode: string): DemoActor {
    const acc = this.byDepartment.get(departmentCode);
    return { kind: 'departmentHandler', username: acc?.username ?? null, name: acc?.name ?? this.nameFor(`dept:${departmentCode}`), departmentCode };
  }

  supervisor(districtCode: string): DemoActor {
    const acc = this.byScopeRole.get(`${districtCode}|supervisor`);
    return { kind: 'supervisor', username: acc?.username ?? null, name: acc?.name ?? this.nameFor(`supervisor:${districtCode}`) };
  }

  /** A building head or information officer of a micro-grid (信息员), with an account if the demo has one. */
  informant(microCode: string): { username: string | null; name: string } {
    const acc = this.byScopeRole.get(`${microCode}|buildingHead`);
    return acc ?? { username: null, name: this.nameFor(`informant:${microCode}`) };
  }
}
