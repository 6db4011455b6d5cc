// Which region counters a resident (and a household) counts towards. One function for every
// writer (create, update, move, archive, restore, the bulk import), so counters never drift
// because two writers disagree on what a row is worth.
import { MEASURES } from './registry.common.ts';

export interface MeasuredResident {
  residenceType: string;
  tags: readonly string[];
  seasonal: boolean;
}

/** The measures an active resident adds one to, at its region and every ancestor. */
export function residentMeasures(row: MeasuredResident): string[] {
  const out: string[] = [MEASURES.residents, MEASURES.residentsByType(row.residenceType)];
  // Most people carry no tag or one: no Set for them (the bulk import calls this per row).
  const tags = row.tags.length < 2 ? row.tags : [...new Set(row.tags)];
  if (tags.length > 0) out.push(MEASURES.careGroupMembers);
  for (const t of tags) out.push(MEASURES.careGroup(t));
  if (row.seasonal) out.push(MEASURES.seasonalResidents);
  return out;
}

/** An active household counts once where it is registered. */
export const householdMeasures = (): string[] => [MEASURES.households];
