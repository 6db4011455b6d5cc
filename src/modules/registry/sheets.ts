// Every entity that can be imported and exported, by entity name. Each entity's sheet lives
// beside its service (`<entity>.sheet.ts`); the import engine finds them here.
import type { RegistryEntity } from './registry.common.ts';
import type { EntitySheet } from './sheet.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const SHEETS: Partial<Record<RegistryEntity, EntitySheet<any>>> = {
};
