import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Small key/value configuration (size rules per city, holiday calendars later). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
