// Inboxes and outbound messages. A notification is a kind plus parameters, rendered in the
// reader's language by the web app; outbound messages (SMS, WeChat) are logged by the channel
// that sent them, so a deployment can swap the logging channel for its own gateway.
import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: integer('user_id').notNull(),
    // task | returned | supervision | feedback | whistle | extension | warning | overdue | ...
    kind: text('kind').notNull(),
    caseId: integer('case_id'),
    params: jsonb('params').notNull().default(sql`'{}'::jsonb`),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.id), index('notifications_unread_idx').on(t.userId).where(sql`${t.readAt} IS NULL`)],
);

export const outboundMessages = pgTable('outbound_messages', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  // sms | wechat
  channel: text('channel').notNull(),
  // Masked recipient (a phone number is personal data; the gateway gets it in full, the log does not).
  recipientMasked: text('recipient_masked').notNull(),
  template: text('template').notNull(),
  params: jsonb('params').notNull().default(sql`'{}'::jsonb`),
  caseId: integer('case_id'),
  // logged | sent | failed
  status: text('status').notNull().default('logged'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
