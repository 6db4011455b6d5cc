// The registry's places and things (地、物): estates, buildings, units, dwellings, rentals,
// non-residential places and public assets. Every row carries the region it lies in and that
// region's materialized path, so scope is one prefix match and counters know where to go.
import { sql } from 'drizzle-orm';
import { boolean, date, doublePrecision, index, integer, jsonb, numeric, pgTable, serial, smallint, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { placed } from '../../db/placed.ts';

/** Columns every registry entity shares (src/db/placed.ts), re-exported for the registry's other tables. */
export { placed };

/** 小区. `unmanaged` (三无) = no property company, no security and no enclosure; kept as a column for filters. */
export const estates = pgTable(
  'estates',
  {
    ...placed(),
    name: text('name').notNull(),
    nameInitials: text('name_initials').notNull().default(''),
    address: text('address').notNull().default(''),
    propertyCompanyId: integer('property_company_id'),
    hasSecurity: boolean('has_security').notNull().default(false),
    hasEnclosure: boolean('has_enclosure').notNull().default(false),
    unmanaged: boolean('unmanaged').notNull().default(false),
    // 'old' (老旧小区) | 'new'
    age: text('age').notNull().default('new'),
    builtYear: smallint('built_year'),
    // A GeoJSON Point or Polygon; lng/lat is the point or the polygon's centroid, for map pins.
    geometry: jsonb('geometry'),
    lng: doublePrecision('lng'),
    lat: doublePrecision('lat'),
  },
  (t) => [
    index('estates_path_idx').using('btree', sql`${t.regionPath} text_pattern_ops`),
    uniqueIndex('estates_name_uq').on(t.regionId, t.name).where(sql`${t.archivedAt} IS NULL`),
  ],
);

/** 楼栋: in an estate, or directly in a grid or micro-grid. Natural key: region, estate, number. */
export const buildings = pgTable(
  'buildings',
  {
    ...placed(),
    estateId: integer('estate_id'),
    number: text('number').notNull(),
    address: text('address').notNull().default(''),
    floors: smallint('floors').notNull(),
    // Floors below ground are not dwellings' floors; kept for the building card only.
    basementFloors: smallint('basement_floors').notNull().default(0),
    unitCount: smallint('unit_count').notNull().default(1),
    // 'residential' | 'commercial' | 'mixed' | 'office' | 'other'
    use: text('use').notNull().default('residential'),
    builtYear: smallint('built_year'),
    lng: doublePrecision('lng'),
    lat: doublePrecision('lat'),
  },
  (t) => [
    index('buildings_path_idx').using('btree', sql`${t.regionPath} text_pattern_ops`),
    index('buildings_estate_idx').on(t.estateId),
    uniqueIndex('buildings_number_uq').on(t.regionId, sql`coalesce(${t.estateId}, 0)`, t.number).where(sql`${t.archivedAt} IS NULL`),
    index('buildings_address_trgm_idx').using('gin', sql`${t.address} gin_trgm_ops`),
  ],
);

/** 单元: a stairwell of a building; rows exist so unit heads and dwellings can point at them. */
export const units = pgTable(
  'units',
  {
    id: serial('id').primaryKey(),
    buildingId: integer('building_id').notNull(),
    number: smallint('number').notNull(),
    label: text('label').notNull(),
  },
  (t) => [uniqueIndex('units_building_number_uq').on(t.buildingId, t.number)],
);

/** 房屋. Occupancy: 'owner' (自住) | 'rental' (出租) | 'vacant' (空置) | 'commercial' (商用). */
export const dwellings = pgTable(
  'dwellings',
  {
    ...placed(),
    buildingId: integer('building_id').notNull(),
    unitNumber: smallint('unit_number').notNull().default(1),
    floor: smallint('floor').notNull(),
    number: text('number').notNull(),
    area: numeric('area', { precision: 8, scale: 2, mode: 'number' }),
    // 'residential' | 'commercial' | 'office' | 'mixed' | 'other'
    use: text('use').notNull().default('residential'),
    occupancy: text('occupancy').notNull().default('vacant'),
  },
  (t) => [
    index('dwellings_path_idx').using('btree', sql`${t.regionPath} text_pattern_ops`),
    uniqueIndex('dwellings_number_uq').on(t.buildingId, t.unitNumber, t.number).where(sql`${t.archivedAt} IS NULL`),
    index('dwellings_occupancy_idx').on(t.occupancy),
  ],
);

/**
 * 出租屋: the current (or past) lease of a rental dwelling. Tenants are the residents living in
 * the dwelling. `postingCode` is the unguessable token of the public posting page (挂牌公开).
 */
export const rentals = pgTable(
  'rentals',
  {
    ...placed(),
    dwellingId: integer('dwelling_id').notNull(),
    landlordName: text('landlord_name').notNull(),
    landlordMobileEnc: text('landlord_mobile_enc'),
    landlordMobileHash: text('landlord_mobile_hash'),
    landlordMobileMasked: text('landlord_mobile_masked'),
    landlordResidentId: integer('landlord_resident_id'),
    leaseStart: date('lease_start', { mode: 'string' }),
    leaseEnd: date('lease_end', { mode: 'string' }),
    monthlyRent: numeric('monthly_rent', { precision: 10, scale: 2, mode: 'number' }),
    // 'residential' | 'collective' (集体宿舍) | 'commercial'
    purpose: text('purpose').notNull().default('residential'),
    postingCode: text('posting_code').notNull().unique(),
    endedAt: date('ended_at', { mode: 'string' }),
  },
  (t) => [
    index('rentals_path_idx').using('btree', sql`${t.regionPath} text_pattern_ops`),
    uniqueIndex('rentals_active_dwelling_uq').on(t.dwellingId).where(sql`${t.archivedAt} IS NULL AND ${t.endedAt} IS NULL`),
  ],
);

/**
 * 场所: shops, enterprises, schools, hospitals ... Natural key: the unified social credit code
 * (统一社会信用代码) when known, else (region, name, address).
 */
export const places = pgTable(
  'places',
  {
    ...placed(),
    name: text('name').notNull(),
    nameInitials: text('name_initials').notNull().default(''),
    // 'shop' | 'restaurant' | 'enterprise' | 'school' | 'hospital' | 'clinic' | 'hotel' | 'market' | 'agency' | 'religious' | 'entertainment' | 'other'
    kind: text('kind').notNull(),
    address: text('address').notNull().default(''),
    creditCode: text('credit_code'),
    contactName: text('contact_name'),
    contactMobileEnc: text('contact_mobile_enc'),
    contactMobileHash: text('contact_mobile_hash'),
    contactMobileMasked: text('contact_mobile_masked'),
    employees: integer('employees'),
    buildingId: integer('building_id'),
    lng: doublePrecision('lng'),
    lat: doublePrecision('lat'),
    // 'normal' | 'closed'
    status: text('status').notNull().default('normal'),
  },
  (t) => [
    index('places_path_idx').using('btree', sql`${t.regionPath} text_pattern_ops`),
    uniqueIndex('places_credit_uq').on(t.creditCode).where(sql`${t.creditCode} IS NOT NULL AND ${t.archivedAt} IS NULL`),
    uniqueIndex('places_name_uq').on(t.regionId, t.name, t.address).where(sql`${t.creditCode} IS NULL AND ${t.archivedAt} IS NULL`),
    index('places_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
  ],
);

/**
 * 部件: public facilities (manhole covers, streetlights ...) that cases refer to. The 16-digit code
 * is CJ/T 214 style: 6 county + 2 major category + 2 subcategory + 6 serial. Major categories:
 * 01 公用设施, 02 交通设施, 03 市容环境设施, 04 园林绿化设施, 05 房屋土地, 06 其他设施.
 */
export const assets = pgTable(
  'assets',
  {
    ...placed(),
    code: text('code').notNull().unique(),
    category: text('category').notNull(),
    subcategory: text('subcategory').notNull(),
    name: text('name').notNull(),
    departmentId: integer('department_id'),
    address: text('address').notNull().default(''),
    lng: doublePrecision('lng').notNull(),
    lat: doublePrecision('lat').notNull(),
    // 'normal' | 'damaged' | 'lost' | 'removed'
    status: text('status').notNull().default('normal'),
    attributes: jsonb('attributes').notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [
    index('assets_path_idx').using('btree', sql`${t.regionPath} text_pattern_ops`),
    index('assets_category_idx').on(t.category, t.subcategory),
  ],
);
