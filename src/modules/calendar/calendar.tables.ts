// The official working calendar: dates that differ from the Monday–Friday rule. A 'holiday' is a
// weekday off (法定节假日 and its bridge days); a 'workday' is a weekend day worked (调休上班).
// Dates absent here follow the weekday rule. Editable, seeded with the State Council's calendars.
import { date, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const calendarDays = pgTable('calendar_days', {
  day: date('day', { mode: 'string' }).primaryKey(),
  // holiday | workday
  kind: text('kind').notNull(),
  name: text('name').notNull().default(''),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
