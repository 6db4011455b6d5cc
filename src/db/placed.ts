// Columns every placed entity shares (registry, party, workforce): its region and that region's
// materialized path (scope is one prefix match; region followers rewrite the path), an
// optimistic version and a soft delete.
import { integer, serial, text, timestamp } from 'drizzle-orm/pg-core';

export const placed = () => ({
  id: serial('id').primaryKey(),
  regionId: integer('region_id').notNull(),
  regionPath: text('region_path').notNull(),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  archivedAt: timestamp('archived_at', { withTimezone: true }),
});
