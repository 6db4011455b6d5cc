import { sql } from 'drizzle-orm';
import { integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

/** Grid zones (网格片): a set of grids of one community, led by a zone chief and deputies. */
export const gridZones = pgTable('grid_zones', {
  id: serial('id').primaryKey(),
  communityId: integer('community_id').notNull(),
  name: text('name').notNull(),
  chiefUserId: integer('chief_user_id'),
  deputyUserIds: integer('deputy_user_ids').array().notNull().default(sql`'{}'::int[]`),
  gridIds: integer('grid_ids').array().notNull().default(sql`'{}'::int[]`),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  archivedAt: timestamp('archived_at', { withTimezone: true }),
});
