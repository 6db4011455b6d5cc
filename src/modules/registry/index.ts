// Registry (人、地、事、物、组织): estates, buildings, units, dwellings, rentals, households,
// residents, places, organizations and assets, placed in the governance tree; personal data
// encrypted and masked; bulk import/export through entity sheets. Other modules use only these.
export { registryRoutes } from './registry.routes.ts';
export { SHEETS } from './sheets.ts';
export { failInterruptedJobs } from './import/jobs.service.ts';
export { MEASURES, ENTITY_NAMES, type RegistryEntity } from './registry.common.ts';
export { checkIdNumber, checkMobile, checkCreditCode, checkAssetCode, idCheckDigit, creditCheckChar, ageOn } from './checks.ts';
export { residentMeasures, householdMeasures } from './residents.measures.ts';
export { parseResidentRow, residentSheet, RESIDENT_COLUMNS } from './residents.sheet.ts';
export type { ResidentListItem, ResidentDetail, HouseholdView, CareGroupView } from './residents.views.ts';
export { placeSheet } from './places.sheet.ts';
export { organizationSheet } from './organizations.sheet.ts';
export { assetSheet } from './assets.sheet.ts';
export type { PlaceView, OrganizationView, OrganizationDetailView, AssetView } from './places.views.ts';
export { PLACE_KINDS, ASSET_STATUSES } from './places.model.ts';
export { ORG_KINDS, ORG_SUBKINDS } from './organizations.model.ts';
export { residentForParty, setResidentPoliticalStatus, ownersCommitteeShares, type ResidentForParty, type OwnersCommitteeShare } from './residents.party.ts';
export { estateSheet } from './estates.sheet.ts';
export { buildingSheet } from './buildings.sheet.ts';
export { dwellingSheet } from './dwellings.sheet.ts';
export { rentalSheet } from './rentals.sheet.ts';
export { dwellingMeasures } from './dwellings.service.ts';
export type * from './housing.views.ts';
export { OCCUPANCIES, ESTATE_AGES, BUILDING_USES, DWELLING_USES, RENTAL_PURPOSES, dwellingAddress } from './housing.views.ts';

// Placed rows follow their region when the tree is restructured (move, merge, split).
import { registerRegionFollower } from '../regions/index.ts';
registerRegionFollower('estates', 'buildings', 'dwellings', 'rentals', 'places', 'assets', 'households', 'residents', 'organizations');
/** Scoped finders for referencing registry rows by id (workforce positions, visits). */
export { residentRefs, householdRefs, householdMemberIds, buildingRefs, buildingsUnder, unitRefs, registryRowExists, type ResidentRef, type HouseholdRef, type BuildingRef, type UnitRef } from './refs.lookup.ts';
/** The floor × unit table (楼盘表) of a building in the caller's scope, for views built on it (household links). */
export { getFloorPlan } from './floor-plan.ts';
