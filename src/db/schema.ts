// Every module's tables, gathered for drizzle-kit and for the typed database handle.
export * from '../modules/regions/regions.tables.ts';
export * from '../modules/accounts/accounts.tables.ts';
export * from '../modules/audit/audit.tables.ts';
export * from '../modules/settings/settings.tables.ts';
export * from '../modules/zones/zones.tables.ts';
export * from '../modules/registry/places.tables.ts';
export * from '../modules/registry/people.tables.ts';
export * from '../modules/cases/cases.tables.ts';
export * from '../modules/calendar/calendar.tables.ts';
export * from '../modules/notifications/notifications.tables.ts';
export * from '../modules/party/party.tables.ts';
export * from '../modules/workforce/workforce.tables.ts';
