// 楼盘表: a building's floor × unit table. Each dwelling is a cell carrying what the page colours
// by (occupancy, care-group tags, a running lease) and how many live there. One query for the
// cells, one for the units: a 100-floor, 10-unit tower costs the same two round trips.
import type { Db } from '../../db/engine.ts';
import type { RequestContext } from '../../shared/context.ts';
import { scoped } from '../../shared/scoped.ts';
import { listUnits } from './buildings.repository.ts';
import { loadBuilding, presentBuildings } from './buildings.service.ts';
import { floorPlanCells } from './dwellings.repository.ts';
import type { FloorPlanCell, FloorPlanView, Occupancy } from './housing.views.ts';

export async function getFloorPlan(db: Db, ctx: RequestContext, buildingId: number): Promise<FloorPlanView> {
  const sdb = scoped(db, ctx.actor.scope);
  const b = await loadBuilding(sdb, buildingId);
  const [building] = await presentBuildings(db, [b]);
  const unitRows = await listUnits(db, buildingId);
  // Unit rows should match unitCount; fall back to numbering when an older row set is short.
  const units = Array.from({ length: b.unitCount }, (_, i) => {
    const u = unitRows.find((x) => x.number === i + 1);
    return { number: i + 1, label: u?.label ?? `${i + 1}单元` };
  });
  const cells = await floorPlanCells(sdb, buildingId);
  // Every floor above ground is shown (empty floors too, so the table keeps its shape); basement
  // floors only where something is registered.
  const floorNumbers = new Set<number>();
  for (let f = b.floors; f >= 1; f--) floorNumbers.add(f);
  for (const c of cells) floorNumbers.add(c.floor);
  const byFloor = new Map<number, FloorPlanCell[][]>();
  for (const f of floorNumbers) byFloor.set(f, units.map(() => []));
  for (const c of cells) {
    const row = byFloor.get(c.floor)!;
    // A dwelling in a unit above unitCount cannot be created, but keep it visible if data says so.
    while (row.length < c.unitNumber) row.push([]);
    row[c.unitNumber - 1].push({
      dwellingId: c.id,
      unitNumber: c.unitNumber,
      number: c.number,
      occupancy: c.occupancy as Occupancy,
      area: c.area === null ? null : Number(c.area),
      residents: c.residents,
      tags: c.tags,
      rental: Boolean(c.rental),
    });
  }
  const floors = [...floorNumbers].sort((a, z) => z - a).map((floor) => ({ floor, cells: byFloor.get(floor)! }));
  return { building, units, floors };
}
