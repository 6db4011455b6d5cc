// Grid zones (网格片): grids of a community grouped under a zone chief and deputies.
export { listZones, createZone, updateZone, archiveZone, type ZoneView, type ZoneInput } from './zones.service.ts';
export { zoneRoutes } from './zones.routes.ts';
