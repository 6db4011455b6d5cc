// Registry (人、地、事、物、组织): estates, buildings, units, dwellings, rentals, households,
// residents, places, organizations and assets, placed in the governance tree; personal data
// encrypted and masked; bulk import/export through entity sheets. Other modules use only these.
export { registryRoutes } from './registry.routes.ts';
export { SHEETS } from './sheets.ts';
export { MEASURES, ENTITY_NAMES, type RegistryEntity } from './registry.common.ts';
export { checkIdNumber, checkMobile, checkCreditCode, checkAssetCode, idCheckDigit, creditCheckChar, ageOn } from './checks.ts';
