CREATE TABLE "assets" (
	"id" serial PRIMARY KEY NOT NULL,
	"region_id" integer NOT NULL,
	"region_path" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	"code" text NOT NULL,
	"category" text NOT NULL,
	"subcategory" text NOT NULL,
	"name" text NOT NULL,
	"department_id" integer,
	"address" text DEFAULT '' NOT NULL,
	"lng" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"status" text DEFAULT 'normal' NOT NULL,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "assets_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "buildings" (
	"id" serial PRIMARY KEY NOT NULL,
	"region_id" integer NOT NULL,
	"region_path" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	"estate_id" integer,
	"number" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"floors" smallint NOT NULL,
	"basement_floors" smallint DEFAULT 0 NOT NULL,
	"unit_count" smallint DEFAULT 1 NOT NULL,
	"use" text DEFAULT 'residential' NOT NULL,
	"built_year" smallint,
	"lng" double precision,
	"lat" double precision
);
--> statement-breakpoint
CREATE TABLE "dwellings" (
	"id" serial PRIMARY KEY NOT NULL,
	"region_id" integer NOT NULL,
	"region_path" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	"building_id" integer NOT NULL,
	"unit_number" smallint DEFAULT 1 NOT NULL,
	"floor" smallint NOT NULL,
	"number" text NOT NULL,
	"area" numeric(8, 2),
	"use" text DEFAULT 'residential' NOT NULL,
	"occupancy" text DEFAULT 'vacant' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "estates" (
	"id" serial PRIMARY KEY NOT NULL,
	"region_id" integer NOT NULL,
	"region_path" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	"name" text NOT NULL,
	"name_initials" text DEFAULT '' NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"property_company_id" integer,
	"has_security" boolean DEFAULT false NOT NULL,
	"has_enclosure" boolean DEFAULT false NOT NULL,
	"unmanaged" boolean DEFAULT false NOT NULL,
	"age" text DEFAULT 'new' NOT NULL,
	"built_year" smallint,
	"geometry" jsonb,
	"lng" double precision,
	"lat" double precision
);
--> statement-breakpoint
CREATE TABLE "places" (
	"id" serial PRIMARY KEY NOT NULL,
	"region_id" integer NOT NULL,
	"region_path" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	"name" text NOT NULL,
	"name_initials" text DEFAULT '' NOT NULL,
	"kind" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"credit_code" text,
	"contact_name" text,
	"contact_mobile_enc" text,
	"contact_mobile_hash" text,
	"contact_mobile_masked" text,
	"employees" integer,
	"building_id" integer,
	"lng" double precision,
	"lat" double precision,
	"status" text DEFAULT 'normal' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rentals" (
	"id" serial PRIMARY KEY NOT NULL,
	"region_id" integer NOT NULL,
	"region_path" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	"dwelling_id" integer NOT NULL,
	"landlord_name" text NOT NULL,
	"landlord_mobile_enc" text,
	"landlord_mobile_hash" text,
	"landlord_mobile_masked" text,
	"landlord_resident_id" integer,
	"lease_start" date,
	"lease_end" date,
	"monthly_rent" numeric(10, 2),
	"purpose" text DEFAULT 'residential' NOT NULL,
	"posting_code" text NOT NULL,
	"ended_at" date,
	CONSTRAINT "rentals_posting_code_unique" UNIQUE("posting_code")
);
--> statement-breakpoint
CREATE TABLE "units" (
	"id" serial PRIMARY KEY NOT NULL,
	"building_id" integer NOT NULL,
	"number" smallint NOT NULL,
	"label" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_groups" (
	"code" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"sort" smallint DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "households" (
	"id" serial PRIMARY KEY NOT NULL,
	"region_id" integer NOT NULL,
	"region_path" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	"number" text NOT NULL,
	"dwelling_id" integer,
	"head_resident_id" integer,
	CONSTRAINT "households_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "import_jobs" (
	"id" serial PRIMARY KEY NOT NULL,
	"entity" text NOT NULL,
	"mode" text NOT NULL,
	"file_name" text NOT NULL,
	"status" text NOT NULL,
	"total_rows" integer DEFAULT 0 NOT NULL,
	"processed_rows" integer DEFAULT 0 NOT NULL,
	"added" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"problems" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error_workbook" "bytea",
	"failure" text,
	"scope_path" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "organization_members" (
	"organization_id" integer NOT NULL,
	"resident_id" integer NOT NULL,
	"role" text DEFAULT 'member' NOT NULL,
	"joined_on" date,
	CONSTRAINT "organization_members_organization_id_resident_id_pk" PRIMARY KEY("organization_id","resident_id")
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" serial PRIMARY KEY NOT NULL,
	"region_id" integer NOT NULL,
	"region_path" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	"kind" text NOT NULL,
	"subkind" text,
	"name" text NOT NULL,
	"name_initials" text DEFAULT '' NOT NULL,
	"credit_code" text,
	"address" text DEFAULT '' NOT NULL,
	"leader_resident_id" integer,
	"leader_name" text,
	"contact_mobile_enc" text,
	"contact_mobile_hash" text,
	"contact_mobile_masked" text,
	"estate_id" integer,
	"place_id" integer,
	"party_led" boolean,
	"description" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resident_moves" (
	"id" serial PRIMARY KEY NOT NULL,
	"resident_id" integer NOT NULL,
	"from_region_id" integer,
	"from_dwelling_id" integer,
	"from_household_id" integer,
	"to_region_id" integer,
	"to_dwelling_id" integer,
	"to_household_id" integer,
	"kind" text NOT NULL,
	"moved_on" date NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resident_stays" (
	"id" serial PRIMARY KEY NOT NULL,
	"resident_id" integer NOT NULL,
	"arrive_on" date NOT NULL,
	"leave_on" date,
	"note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "residents" (
	"id" serial PRIMARY KEY NOT NULL,
	"region_id" integer NOT NULL,
	"region_path" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	"name" text NOT NULL,
	"name_pinyin" text DEFAULT '' NOT NULL,
	"name_initials" text DEFAULT '' NOT NULL,
	"gender" text NOT NULL,
	"ethnicity" text DEFAULT '汉族' NOT NULL,
	"birth_date" date NOT NULL,
	"id_type" text DEFAULT 'idCard' NOT NULL,
	"id_number_enc" text NOT NULL,
	"id_number_hash" text NOT NULL,
	"id_number_masked" text NOT NULL,
	"id_last4" text NOT NULL,
	"mobile_enc" text,
	"mobile_hash" text,
	"mobile_masked" text,
	"residence_type" text NOT NULL,
	"dwelling_id" integer,
	"household_id" integer,
	"household_role" text DEFAULT 'other' NOT NULL,
	"employer" text DEFAULT '' NOT NULL,
	"political_status" text DEFAULT 'masses' NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"seasonal" boolean DEFAULT false NOT NULL,
	"left_reason" text,
	"note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE INDEX "assets_path_idx" ON "assets" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "assets_category_idx" ON "assets" USING btree ("category","subcategory");--> statement-breakpoint
CREATE INDEX "buildings_path_idx" ON "buildings" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "buildings_estate_idx" ON "buildings" USING btree ("estate_id");--> statement-breakpoint
CREATE UNIQUE INDEX "buildings_number_uq" ON "buildings" USING btree ("region_id",coalesce("estate_id", 0),"number") WHERE "buildings"."archived_at" IS NULL;--> statement-breakpoint
CREATE INDEX "buildings_address_trgm_idx" ON "buildings" USING gin ("address" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "dwellings_path_idx" ON "dwellings" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "dwellings_number_uq" ON "dwellings" USING btree ("building_id","unit_number","number") WHERE "dwellings"."archived_at" IS NULL;--> statement-breakpoint
CREATE INDEX "dwellings_occupancy_idx" ON "dwellings" USING btree ("occupancy");--> statement-breakpoint
CREATE INDEX "estates_path_idx" ON "estates" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "estates_name_uq" ON "estates" USING btree ("region_id","name") WHERE "estates"."archived_at" IS NULL;--> statement-breakpoint
CREATE INDEX "places_path_idx" ON "places" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "places_credit_uq" ON "places" USING btree ("credit_code") WHERE "places"."credit_code" IS NOT NULL AND "places"."archived_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "places_name_uq" ON "places" USING btree ("region_id","name","address") WHERE "places"."credit_code" IS NULL AND "places"."archived_at" IS NULL;--> statement-breakpoint
CREATE INDEX "places_name_trgm_idx" ON "places" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "rentals_path_idx" ON "rentals" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "rentals_active_dwelling_uq" ON "rentals" USING btree ("dwelling_id") WHERE "rentals"."archived_at" IS NULL AND "rentals"."ended_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "units_building_number_uq" ON "units" USING btree ("building_id","number");--> statement-breakpoint
CREATE INDEX "households_path_idx" ON "households" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "households_dwelling_idx" ON "households" USING btree ("dwelling_id");--> statement-breakpoint
CREATE UNIQUE INDEX "households_head_uq" ON "households" USING btree ("head_resident_id") WHERE "households"."archived_at" IS NULL;--> statement-breakpoint
CREATE INDEX "import_jobs_scope_idx" ON "import_jobs" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "organization_members_resident_idx" ON "organization_members" USING btree ("resident_id");--> statement-breakpoint
CREATE INDEX "organizations_path_idx" ON "organizations" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_name_uq" ON "organizations" USING btree ("kind","region_id","name") WHERE "organizations"."archived_at" IS NULL;--> statement-breakpoint
CREATE INDEX "organizations_kind_idx" ON "organizations" USING btree ("kind","subkind");--> statement-breakpoint
CREATE INDEX "resident_moves_resident_idx" ON "resident_moves" USING btree ("resident_id");--> statement-breakpoint
CREATE INDEX "resident_stays_resident_idx" ON "resident_stays" USING btree ("resident_id");--> statement-breakpoint
CREATE UNIQUE INDEX "residents_id_hash_uq" ON "residents" USING btree ("id_number_hash");--> statement-breakpoint
CREATE INDEX "residents_path_idx" ON "residents" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "residents_name_idx" ON "residents" USING btree ("name" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "residents_initials_idx" ON "residents" USING btree ("name_initials" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "residents_last4_idx" ON "residents" USING btree ("id_last4");--> statement-breakpoint
CREATE INDEX "residents_mobile_hash_idx" ON "residents" USING btree ("mobile_hash");--> statement-breakpoint
CREATE INDEX "residents_dwelling_idx" ON "residents" USING btree ("dwelling_id");--> statement-breakpoint
CREATE INDEX "residents_household_idx" ON "residents" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "residents_tags_idx" ON "residents" USING gin ("tags");