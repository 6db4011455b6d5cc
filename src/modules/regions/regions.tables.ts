import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, primaryKey, serial, smallint, text, timestamp, doublePrecision } from 'drizzle-orm/pg-core';

/**
 * The governance tree. `path` is materialized as '/<id>/<id>/.../' (root first, own id last) so a
 * subtree is one indexed prefix match, and scope checks never need recursion.
 */
export const regions = pgTable(
  'regions',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    level: smallint('level').notNull(),
    kind: text('kind').notNull(),
    parentId: integer('parent_id'),
    path: text('path').notNull(),
    // Search helpers derived from name: full pinyin and initials (e.g. 金山社区 → jinshanshequ, jssq).
    namePinyin: text('name_pinyin').notNull().default(''),
    nameInitials: text('name_initials').notNull().default(''),
    boundary: jsonb('boundary'),
    // Bounding box kept beside the boundary so map and index queries can skip parsing polygons.
    minLng: doublePrecision('min_lng'),
    minLat: doublePrecision('min_lat'),
    maxLng: doublePrecision('max_lng'),
    maxLat: doublePrecision('max_lat'),
    attributes: jsonb('attributes').notNull().default(sql`'{}'::jsonb`),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (t) => [
    index('regions_path_idx').using('btree', sql`${t.path} text_pattern_ops`),
    index('regions_parent_idx').on(t.parentId),
    index('regions_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
    index('regions_initials_idx').using('btree', sql`${t.nameInitials} text_pattern_ops`),
  ],
);

/**
 * Per-region counters (residents, households, ...) maintained incrementally: a change at a leaf
 * adds its delta to the leaf and every ancestor in the same transaction, so rollups are reads.
 */
export const regionCounters = pgTable(
  'region_counters',
  {
    regionId: integer('region_id').notNull(),
    measure: text('measure').notNull(),
    value: bigint('value', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.measure] })],
);
