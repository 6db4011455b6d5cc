// Household links (联户) of one community: liaison households (党员中心户, a party member's
// household) each linking 30–50 neighbouring households (same building first, then the same
// micro-grid, then the grid), and party groups (党小组) whose leader links 5–10 liaison
// households. As in life a few fall outside the ranges (a small grid runs out of households, a
// leader keeps an eleventh), which the coverage report shows.
import type { CommunityParty } from './party.community.ts';
import type { PoolHousehold, PoolResident } from './party.pool.ts';
import type { DemoLiaison, DemoMember } from './party.rows.ts';
import { PARTY_PER_RESIDENT } from './party.shares.ts';

export function liaisons(c: CommunityParty): void {
  const { p, rng, pool } = c;
  const residents = new Map<number, PoolResident>(pool.residents.map((r) => [r.id, r]));
  const households = new Map<string, PoolHousehold[]>();
  for (const h of pool.households) (households.get(h.gridCode) ?? households.set(h.gridCode, []).get(h.gridCode)!).push(h);
  const homeOf = (m: DemoMember) => (m.residentId !== null && !m.archivedOn ? (residents.get(m.residentId)?.householdId ?? null) : null);

  // How many in each grid: towards households, within what the grid's members and households allow.
  const total = p.take('liaisons', PARTY_PER_RESIDENT.liaisons * pool.residents.length);
  const cap = new Map(c.grids.map((g) => {
    const homes = new Set(c.byGrid.get(g.code)!.map(homeOf).filter((h) => h !== null));
    return [g.code, Math.min(homes.size, Math.floor((households.get(g.code)?.length ?? 0) / 36))] as const;
  }));
  const count = new Map(c.grids.map((g) => [g.code, 0]));
  for (let n = 0; n < total; n++) {
    let best: string | null = null;
    let score = -1;
    for (const g of c.grids) {
      const k = count.get(g.code)!;
      if (k >= cap.get(g.code)!) continue;
      const s = (households.get(g.code)?.length ?? 0) / (k + 1);
      if (s > score) [best, score] = [g.code, s];
    }
    if (!best) break;
    count.set(best, count.get(best)! + 1);
  }

  const taken = new Set<number>();
  const made: { liaison: DemoLiaison; member: DemoMember; grid: string }[] = [];
  for (const g of c.grids) {
    const want = count.get(g.code)!;
    if (!want) continue;
    // Retired members first: the seeds' 党员中心户 are mostly older members at home.
    const order = { retired: 0, seasonal: 1, inService: 2, mobile: 3 } as const;
    const members = rng.shuffle(c.byGrid.get(g.code)!.filter((m) => homeOf(m) !== null)).sort((a, b) => order[a.kind] - order[b.kind]);
    const liaisonHomes: [DemoMember, number][] = [];
    for (const m of members) {
      const h = homeOf(m)!;
      if (liaisonHomes.length >= want || liaisonHomes.some(([, x]) => x === h)) continue;
      liaisonHomes.push([m, h]);
      taken.add(h);
    }
    const homes = households.get(g.code) ?? [];
    const byId = new Map(homes.map((h) => [h.id, h]));
    for (const [member, householdId] of liaisonHomes) {
      const home = byId.get(householdId)!;
      const liaison: DemoLiaison = { id: p.id('liaison'), householdId, memberId: member.id, leaderMemberId: null, regionCode: home.regionCode, linkedOn: p.day(rng, 900, 20) };
      p.out.liaisons.push(liaison);
      made.push({ liaison, member, grid: g.code });
      const wanted = rng.chance(0.06) ? (rng.chance(0.5) ? rng.int(22, 29) : rng.int(51, 56)) : rng.int(30, 50);
      const tier = (h: PoolHousehold) => (h.buildingId !== null && h.buildingId === home.buildingId ? 0 : h.regionCode === home.regionCode ? 1 : 2);
      const near = rng.shuffle(homes.filter((h) => !taken.has(h.id))).sort((a, b) => tier(a) - tier(b)).slice(0, wanted);
      for (const h of near) {
        taken.add(h.id);
        p.out.links.push({ liaisonId: liaison.id, householdId: h.id, linkedOn: rng.chance(0.8) ? liaison.linkedOn : p.day(rng, 400, 1) });
      }
    }
  }
  groups(c, made);
}

/** Liaisons in runs of 5–10 under a group leader, each group a 党小组 under the leader's branch. */
function groups(c: CommunityParty, made: { liaison: DemoLiaison; member: DemoMember; grid: string }[]): void {
  const { p, rng, pool } = c;
  const chunks: (typeof made)[] = [];
  for (let i = 0; i < made.length; ) {
    const size = rng.int(5, 10);
    chunks.push(made.slice(i, i + size));
    i += size;
  }
  // A short last run joins the one before when that stays near the range (else it stays short).
  const last = chunks[chunks.length - 1];
  if (chunks.length > 1 && last.length < 5 && chunks[chunks.length - 2].length + last.length <= 11) chunks[chunks.length - 2].push(...chunks.pop()!);
  const buildings = new Map(pool.buildings.map((b) => [b.id, b]));
  const estates = new Map(pool.estates.map((e) => [e.id, e.name]));
  const residents = new Map(pool.residents.map((r) => [r.id, r]));
  const liaisonMembers = new Set(made.map((x) => x.member.id));
  chunks.forEach((chunk, k) => {
    const grid = chunk[0].grid;
    // Members of the leader's grid sit in its branch, or in its grid group when it has none.
    const source = c.gridOrg.get(grid)!;
    const local = c.byGrid.get(grid)!.filter((m) => !m.archivedOn && m.residentId !== null && m.orgId === source.id);
    const leader = local.find((m) => !liaisonMembers.has(m.id)) ?? chunk[0].member;
    let group = source;
    if (c.ownBranch.has(grid) || p.officersOf(source.id).length > 0) {
      const building = leader.residentId !== null ? buildings.get(residents.get(leader.residentId)?.buildingId ?? -1) : undefined;
      const estate = building?.estateId ? (estates.get(building.estateId) ?? '') : '';
      const parentId = c.ownBranch.has(grid) ? source.id : source.parentId;
      const established = p.day(rng, 2500, 200);
      // The first group of a branch's estate is the estate's own (小区党小组); later ones sit on buildings or the grid.
      const onEstate = c.ownBranch.has(grid) ? c.estateOf.get(grid) : undefined;
      if (onEstate && !c.estateGroup.has(grid)) {
        c.estateGroup.add(grid);
        group = c.add(p.org({ kind: 'group', parentId, regionCode: grid, establishedOn: established, name: `${onEstate.name}党小组`, attachKind: 'estate', estateId: onEstate.id }));
      } else {
        const onBuilding = building && rng.chance(0.6);
        group = c.add(p.org({
          kind: 'group', parentId, regionCode: onBuilding ? building.regionCode : grid, establishedOn: established,
          name: onBuilding ? `${estate}${building.number}党小组` : `${p.ix.get(grid).name}第${k + 1}党小组`, attachKind: onBuilding ? 'building' : 'region', buildingId: onBuilding ? building.id : null,
        }));
      }
      for (const m of [leader, ...chunk.map((x) => x.member)]) if (m.orgId === source.id) p.move(m, group);
    }
    p.addOfficer({ orgId: group.id, memberId: leader.id, role: 'secretary', fromOn: group.establishedOn! });
    for (const x of chunk) x.liaison.leaderMemberId = leader.id;
  });
}
