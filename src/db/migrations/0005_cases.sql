CREATE TABLE "case_categories" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"parent_code" text,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"default_department_code" text,
	"default_mode" text,
	"dispatch_amount" smallint DEFAULT 2 NOT NULL,
	"dispatch_unit" text DEFAULT 'workingHours' NOT NULL,
	"respond_amount" smallint DEFAULT 4 NOT NULL,
	"respond_unit" text DEFAULT 'workingHours' NOT NULL,
	"handle_amount" smallint DEFAULT 5 NOT NULL,
	"handle_unit" text DEFAULT 'workingDays' NOT NULL,
	"verify_amount" smallint DEFAULT 1 NOT NULL,
	"verify_unit" text DEFAULT 'workingDays' NOT NULL,
	"urgent_handle_hours" smallint DEFAULT 24 NOT NULL,
	"similar_radius_m" integer DEFAULT 100 NOT NULL,
	"similar_days" smallint DEFAULT 7 NOT NULL,
	"sort_order" smallint DEFAULT 0 NOT NULL,
	"custom" boolean DEFAULT false NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_categories_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_user_id" integer,
	"actor_name" text NOT NULL,
	"actor_kind" text NOT NULL,
	"department_id" integer,
	"note" text,
	"data" jsonb,
	"stage_deadline_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_photos" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"event_id" integer,
	"kind" text NOT NULL,
	"mime" text NOT NULL,
	"bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_units" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"department_id" integer NOT NULL,
	"role" text NOT NULL,
	"part" text,
	"posted_at" timestamp with time zone,
	"posted_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_whistles" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"level" text NOT NULL,
	"called_by_user_id" integer,
	"called_by_name" text NOT NULL,
	"reason" text NOT NULL,
	"deadline_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"source" text NOT NULL,
	"category_id" integer,
	"urgency" text DEFAULT 'normal' NOT NULL,
	"mode" text,
	"status" text DEFAULT 'reported' NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"region_id" integer NOT NULL,
	"region_path" text NOT NULL,
	"lng" double precision,
	"lat" double precision,
	"address" text DEFAULT '' NOT NULL,
	"building_id" integer,
	"dwelling_id" integer,
	"place_id" integer,
	"asset_id" integer,
	"resident_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"reporter_name" text,
	"reporter_mobile_enc" text,
	"reporter_mobile_hash" text,
	"reporter_mobile_masked" text,
	"anonymous" boolean DEFAULT false NOT NULL,
	"reporter_user_id" integer,
	"duplicate_of_id" integer,
	"level" text DEFAULT 'community' NOT NULL,
	"desk_region_id" integer NOT NULL,
	"desk_region_path" text NOT NULL,
	"department_id" integer,
	"handler_user_id" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"stage" text,
	"stage_started_at" timestamp with time zone,
	"stage_warn_at" timestamp with time zone,
	"stage_deadline_at" timestamp with time zone,
	"timer_state" text DEFAULT 'none' NOT NULL,
	"due_at" timestamp with time zone,
	"respond_due_at" timestamp with time zone,
	"responded_on_time" boolean,
	"closed_on_time" boolean,
	"ever_overdue" boolean DEFAULT false NOT NULL,
	"rework_count" smallint DEFAULT 0 NOT NULL,
	"return_count" smallint DEFAULT 0 NOT NULL,
	"extension_count" smallint DEFAULT 0 NOT NULL,
	"reopen_count" smallint DEFAULT 0 NOT NULL,
	"escalation_count" smallint DEFAULT 0 NOT NULL,
	"supervision_count" smallint DEFAULT 0 NOT NULL,
	"extension_request" jsonb,
	"shelved_review_on" date,
	"result" text,
	"satisfaction" text,
	"feedback_note" text,
	"idempotency_key" text,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"registered_at" timestamp with time zone,
	"dispatched_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"handled_at" timestamp with time zone,
	"verified_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"feedback_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cases_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "whistle_calls" (
	"id" serial PRIMARY KEY NOT NULL,
	"whistle_id" integer NOT NULL,
	"case_id" integer NOT NULL,
	"department_id" integer NOT NULL,
	"outcome" text DEFAULT 'pending' NOT NULL,
	"checked_in_at" timestamp with time zone,
	"checked_in_by" integer,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "calendar_days" (
	"day" date PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"kind" text NOT NULL,
	"case_id" integer,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbound_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"recipient_masked" text NOT NULL,
	"template" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"case_id" integer,
	"status" text DEFAULT 'logged' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "case_categories_parent_idx" ON "case_categories" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "case_events_case_idx" ON "case_events" USING btree ("case_id","id");--> statement-breakpoint
CREATE INDEX "case_photos_case_idx" ON "case_photos" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_units_uq" ON "case_units" USING btree ("case_id","department_id");--> statement-breakpoint
CREATE INDEX "case_units_department_idx" ON "case_units" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "case_whistles_case_idx" ON "case_whistles" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_whistles_deadline_idx" ON "case_whistles" USING btree ("deadline_at");--> statement-breakpoint
CREATE INDEX "cases_path_idx" ON "cases" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "cases_desk_idx" ON "cases" USING btree ("status","desk_region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "cases_department_idx" ON "cases" USING btree ("department_id","status");--> statement-breakpoint
CREATE INDEX "cases_timer_idx" ON "cases" USING btree ("stage_warn_at") WHERE "cases"."stage" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "cases_reported_idx" ON "cases" USING btree ("reported_at");--> statement-breakpoint
CREATE INDEX "cases_similar_idx" ON "cases" USING btree ("category_id","reported_at");--> statement-breakpoint
CREATE INDEX "cases_reporter_idx" ON "cases" USING btree ("reporter_mobile_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_idempotency_uq" ON "cases" USING btree ("idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "whistle_calls_uq" ON "whistle_calls" USING btree ("whistle_id","department_id");--> statement-breakpoint
CREATE INDEX "whistle_calls_department_idx" ON "whistle_calls" USING btree ("department_id","outcome");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("user_id") WHERE "notifications"."read_at" IS NULL;