// What residents and households look like to clients: masked personal data only (the masks are
// stored beside the ciphertext, so presenting never decrypts), age from the birth date, and a
// readable address. Pure functions; the service loads what they need.
import { ageOn } from './checks.ts';
import type { HouseholdRow } from './households.repository.ts';
import type { DwellingPlace } from './residents.addresses.repository.ts';
import type { ResidentRow } from './residents.repository.ts';
import type { GenderCode, HouseholdMember, HouseholdView, RegionRef, ResidenceTypeCode, ResidentListItem } from './residents.views.ts';

/** 阳光小区 3栋 2单元 501室, or the building's street address when it has no estate. */
export function addressText(p: DwellingPlace | null | undefined): string {
  if (!p) return '';
  const b = p.building.number;
  const building = /[栋楼座幢号]$/.test(b) ? b : `${b}栋`;
  const room = /^\d+$/.test(p.number) ? `${p.number}室` : p.number;
  const where = p.estate ? p.estate.name : p.building.address;
  return [where, building, `${p.unitNumber}单元`, room].filter(Boolean).join(' ');
}

export const regionRef = (r: { id: number; code: string; name: string; level: number } | undefined): RegionRef | null =>
  r ? { id: r.id, code: r.code, name: r.name, level: r.level } : null;

export function toListItem(row: ResidentRow, region: RegionRef | null, place: DwellingPlace | undefined, today = new Date()): ResidentListItem {
  return {
    id: row.id,
    name: row.name,
    gender: row.gender as GenderCode,
    age: ageOn(row.birthDate, today),
    birthDate: row.birthDate,
    idType: row.idType,
    idNumberMasked: row.idNumberMasked,
    mobileMasked: row.mobileMasked,
    residenceType: row.residenceType as ResidenceTypeCode,
    tags: row.tags,
    seasonal: row.seasonal,
    region,
    householdId: row.householdId,
    householdRole: row.householdRole,
    dwellingId: row.dwellingId,
    address: addressText(place),
    archived: row.archivedAt !== null,
    leftReason: row.leftReason,
  };
}

export const toMember = (r: ResidentRow, today = new Date()): HouseholdMember => ({
  id: r.id,
  name: r.name,
  gender: r.gender as GenderCode,
  age: ageOn(r.birthDate, today),
  householdRole: r.householdRole,
  idNumberMasked: r.idNumberMasked,
});

export function toHouseholdView(h: HouseholdRow, extra: { region: RegionRef | null; place: DwellingPlace | undefined; members: ResidentRow[] | null; memberCount: number; headName: string | null }): HouseholdView {
  return {
    id: h.id,
    number: h.number,
    region: extra.region,
    dwellingId: h.dwellingId,
    address: addressText(extra.place),
    head: h.headResidentId !== null && extra.headName !== null ? { id: h.headResidentId, name: extra.headName } : null,
    members: (extra.members ?? []).map((m) => toMember(m)),
    memberCount: extra.memberCount,
    archived: h.archivedAt !== null,
    version: h.version,
  };
}

/** The audited form of a resident: masks only, never the ID number or mobile in full. */
export function auditSnapshot(r: ResidentRow): Record<string, unknown> {
  return {
    name: r.name,
    gender: r.gender,
    ethnicity: r.ethnicity,
    birthDate: r.birthDate,
    idType: r.idType,
    idNumberMasked: r.idNumberMasked,
    mobileMasked: r.mobileMasked,
    residenceType: r.residenceType,
    regionId: r.regionId,
    dwellingId: r.dwellingId,
    householdId: r.householdId,
    householdRole: r.householdRole,
    employer: r.employer,
    politicalStatus: r.politicalStatus,
    tags: r.tags,
    seasonal: r.seasonal,
    note: r.note,
    leftReason: r.leftReason,
    archivedAt: r.archivedAt?.toISOString() ?? null,
    version: r.version,
  };
}
