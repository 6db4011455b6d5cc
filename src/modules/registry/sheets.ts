// Every entity that can be imported and exported, by entity name. Each entity's sheet lives
// beside its service (`<entity>.sheet.ts`); the import engine finds them here.
import type { RegistryEntity } from './registry.common.ts';
import type { EntitySheet } from './sheet.ts';
import { residentSheet } from './residents.sheet.ts';
import { placeSheet } from './places.sheet.ts';
import { organizationSheet } from './organizations.sheet.ts';
import { assetSheet } from './assets.sheet.ts';
import { estateSheet } from './estates.sheet.ts';
import { buildingSheet } from './buildings.sheet.ts';
import { dwellingSheet } from './dwellings.sheet.ts';
import { rentalSheet } from './rentals.sheet.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const SHEETS: Partial<Record<RegistryEntity, EntitySheet<any>>> = {
  resident: residentSheet,
  place: placeSheet,
  organization: organizationSheet,
  asset: assetSheet,
  estate: estateSheet,
  building: buildingSheet,
  dwelling: dwellingSheet,
  rental: rentalSheet,
};
