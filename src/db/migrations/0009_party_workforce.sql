CREATE TABLE "dual_registrations" (
	"id" serial PRIMARY KEY NOT NULL,
	"region_id" integer NOT NULL,
	"region_path" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	"kind" text NOT NULL,
	"party_org_id" integer,
	"member_id" integer,
	"institution_id" integer,
	"registered_on" date NOT NULL,
	"deregistered_on" date,
	"deregister_reason" text
);
--> statement-breakpoint
CREATE TABLE "household_links" (
	"id" serial PRIMARY KEY NOT NULL,
	"liaison_id" integer NOT NULL,
	"household_id" integer NOT NULL,
	"linked_on" date DEFAULT CURRENT_DATE NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "joint_committee_members" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"name" text NOT NULL,
	"institution_id" integer,
	"post" text DEFAULT '' NOT NULL,
	"from_on" date,
	"to_on" date
);
--> statement-breakpoint
CREATE TABLE "joint_meetings" (
	"id" serial PRIMARY KEY NOT NULL,
	"region_id" integer NOT NULL,
	"region_path" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	"org_id" integer NOT NULL,
	"title" text NOT NULL,
	"held_at" timestamp with time zone NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"attendance" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"minutes" text DEFAULT '' NOT NULL,
	"decisions" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leader_contact_visits" (
	"id" serial PRIMARY KEY NOT NULL,
	"contact_id" integer NOT NULL,
	"visited_on" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"problems" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leader_contacts" (
	"id" serial PRIMARY KEY NOT NULL,
	"region_id" integer NOT NULL,
	"region_path" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	"leader_user_id" integer,
	"leader_name" text NOT NULL,
	"leader_post" text DEFAULT '' NOT NULL,
	"target_kind" text NOT NULL,
	"organization_id" integer,
	"from_on" date NOT NULL,
	"to_on" date
);
--> statement-breakpoint
CREATE TABLE "liaison_households" (
	"id" serial PRIMARY KEY NOT NULL,
	"region_id" integer NOT NULL,
	"region_path" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	"household_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	"leader_member_id" integer
);
--> statement-breakpoint
CREATE TABLE "partnership_activities" (
	"id" serial PRIMARY KEY NOT NULL,
	"partnership_id" integer NOT NULL,
	"held_on" date NOT NULL,
	"title" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"participants" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partnerships" (
	"id" serial PRIMARY KEY NOT NULL,
	"region_id" integer NOT NULL,
	"region_path" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	"org_id" integer NOT NULL,
	"institution_id" integer NOT NULL,
	"partner_org_id" integer,
	"title" text NOT NULL,
	"terms" text DEFAULT '' NOT NULL,
	"start_on" date NOT NULL,
	"end_on" date
);
--> statement-breakpoint
CREATE TABLE "party_members" (
	"id" serial PRIMARY KEY NOT NULL,
	"region_id" integer NOT NULL,
	"region_path" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	"resident_id" integer,
	"name" text NOT NULL,
	"name_initials" text DEFAULT '' NOT NULL,
	"gender" text NOT NULL,
	"birth_date" date,
	"mobile_enc" text,
	"mobile_hash" text,
	"mobile_masked" text,
	"kind" text NOT NULL,
	"org_id" integer NOT NULL,
	"joined_party_on" date,
	"standing" text DEFAULT 'full' NOT NULL,
	"employer" text DEFAULT '' NOT NULL,
	"institution_id" integer,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"left_reason" text
);
--> statement-breakpoint
CREATE TABLE "party_memberships" (
	"id" serial PRIMARY KEY NOT NULL,
	"member_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"from_on" date NOT NULL,
	"to_on" date,
	"reason" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "party_org_officers" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	"role" text NOT NULL,
	"from_on" date
);
--> statement-breakpoint
CREATE TABLE "party_orgs" (
	"id" serial PRIMARY KEY NOT NULL,
	"region_id" integer NOT NULL,
	"region_path" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	"parent_id" integer,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"attach_kind" text DEFAULT 'region' NOT NULL,
	"estate_id" integer,
	"building_id" integer,
	"institution_id" integer,
	"joint" boolean DEFAULT false NOT NULL,
	"established_on" date,
	"start_on" date,
	"end_on" date,
	"note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pioneer_posts" (
	"id" serial PRIMARY KEY NOT NULL,
	"registration_id" integer NOT NULL,
	"title" text NOT NULL,
	"duty" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "pledges" (
	"id" serial PRIMARY KEY NOT NULL,
	"registration_id" integer NOT NULL,
	"title" text NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"fulfilled_on" date,
	"evidence" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registration_services" (
	"id" serial PRIMARY KEY NOT NULL,
	"registration_id" integer NOT NULL,
	"served_on" date NOT NULL,
	"hours" numeric(6, 1) NOT NULL,
	"activity" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "positions" (
	"id" serial PRIMARY KEY NOT NULL,
	"region_id" integer NOT NULL,
	"region_path" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	"worker_id" integer NOT NULL,
	"kind" text NOT NULL,
	"building_id" integer,
	"unit_id" integer,
	"team_id" integer,
	"zone_id" integer,
	"is_leader" boolean DEFAULT false NOT NULL,
	"start_on" date NOT NULL,
	"end_on" date,
	"note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reviews" (
	"id" serial PRIMARY KEY NOT NULL,
	"region_id" integer NOT NULL,
	"region_path" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	"quarter" text NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_id" integer NOT NULL,
	"direction" text NOT NULL,
	"score" numeric(5, 1) NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"reviewer_user_id" integer
);
--> statement-breakpoint
CREATE TABLE "stationed_teams" (
	"id" serial PRIMARY KEY NOT NULL,
	"region_id" integer NOT NULL,
	"region_path" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	"name" text NOT NULL,
	"sending_unit" text DEFAULT '' NOT NULL,
	"department_id" integer,
	"fixed_weekday" integer DEFAULT 2 NOT NULL,
	"start_on" date NOT NULL,
	"end_on" date
);
--> statement-breakpoint
CREATE TABLE "visit_findings" (
	"id" serial PRIMARY KEY NOT NULL,
	"visit_id" integer NOT NULL,
	"description" text NOT NULL,
	"lng" double precision,
	"lat" double precision,
	"case_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visit_people" (
	"id" serial PRIMARY KEY NOT NULL,
	"visit_id" integer NOT NULL,
	"resident_id" integer,
	"household_id" integer
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" serial PRIMARY KEY NOT NULL,
	"region_id" integer NOT NULL,
	"region_path" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	"worker_id" integer NOT NULL,
	"team_id" integer,
	"purpose" text DEFAULT 'patrol' NOT NULL,
	"check_in_at" timestamp with time zone NOT NULL,
	"check_in_lng" double precision,
	"check_in_lat" double precision,
	"check_in_outside" boolean,
	"check_out_at" timestamp with time zone,
	"check_out_lng" double precision,
	"check_out_lat" double precision,
	"check_out_outside" boolean,
	"notes" text DEFAULT '' NOT NULL,
	"people_count" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workers" (
	"id" serial PRIMARY KEY NOT NULL,
	"region_id" integer NOT NULL,
	"region_path" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	"user_id" integer,
	"resident_id" integer,
	"name" text NOT NULL,
	"name_initials" text DEFAULT '' NOT NULL,
	"gender" text,
	"mobile_enc" text,
	"mobile_hash" text,
	"mobile_masked" text,
	"sending_unit_kind" text,
	"sending_unit" text DEFAULT '' NOT NULL,
	"department_id" integer,
	"note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE INDEX "dual_registrations_path_idx" ON "dual_registrations" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "dual_registrations_institution_idx" ON "dual_registrations" USING btree ("institution_id");--> statement-breakpoint
CREATE UNIQUE INDEX "dual_registrations_org_uq" ON "dual_registrations" USING btree ("party_org_id") WHERE "dual_registrations"."party_org_id" IS NOT NULL AND "dual_registrations"."deregistered_on" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "dual_registrations_member_uq" ON "dual_registrations" USING btree ("member_id") WHERE "dual_registrations"."member_id" IS NOT NULL AND "dual_registrations"."deregistered_on" IS NULL;--> statement-breakpoint
CREATE INDEX "household_links_liaison_idx" ON "household_links" USING btree ("liaison_id");--> statement-breakpoint
CREATE UNIQUE INDEX "household_links_household_uq" ON "household_links" USING btree ("household_id") WHERE "household_links"."archived_at" IS NULL;--> statement-breakpoint
CREATE INDEX "joint_committee_members_org_idx" ON "joint_committee_members" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "joint_meetings_path_idx" ON "joint_meetings" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "joint_meetings_org_idx" ON "joint_meetings" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "leader_contact_visits_contact_idx" ON "leader_contact_visits" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "leader_contacts_path_idx" ON "leader_contacts" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "liaison_households_path_idx" ON "liaison_households" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "liaison_households_household_uq" ON "liaison_households" USING btree ("household_id") WHERE "liaison_households"."archived_at" IS NULL;--> statement-breakpoint
CREATE INDEX "liaison_households_leader_idx" ON "liaison_households" USING btree ("leader_member_id");--> statement-breakpoint
CREATE INDEX "partnership_activities_partnership_idx" ON "partnership_activities" USING btree ("partnership_id");--> statement-breakpoint
CREATE INDEX "partnerships_path_idx" ON "partnerships" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "party_members_path_idx" ON "party_members" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "party_members_org_idx" ON "party_members" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "party_members_institution_idx" ON "party_members" USING btree ("institution_id");--> statement-breakpoint
CREATE UNIQUE INDEX "party_members_resident_uq" ON "party_members" USING btree ("resident_id") WHERE "party_members"."resident_id" IS NOT NULL AND "party_members"."archived_at" IS NULL;--> statement-breakpoint
CREATE INDEX "party_members_mobile_hash_idx" ON "party_members" USING btree ("mobile_hash");--> statement-breakpoint
CREATE INDEX "party_members_name_idx" ON "party_members" USING btree ("name" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "party_memberships_member_idx" ON "party_memberships" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "party_org_officers_org_idx" ON "party_org_officers" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "party_org_officers_uq" ON "party_org_officers" USING btree ("org_id","member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "party_org_officers_secretary_uq" ON "party_org_officers" USING btree ("org_id") WHERE "party_org_officers"."role" = 'secretary';--> statement-breakpoint
CREATE INDEX "party_orgs_path_idx" ON "party_orgs" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "party_orgs_parent_idx" ON "party_orgs" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "party_orgs_institution_idx" ON "party_orgs" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "party_orgs_estate_idx" ON "party_orgs" USING btree ("estate_id");--> statement-breakpoint
CREATE INDEX "pioneer_posts_registration_idx" ON "pioneer_posts" USING btree ("registration_id");--> statement-breakpoint
CREATE INDEX "pledges_registration_idx" ON "pledges" USING btree ("registration_id");--> statement-breakpoint
CREATE INDEX "registration_services_registration_idx" ON "registration_services" USING btree ("registration_id");--> statement-breakpoint
CREATE INDEX "positions_path_idx" ON "positions" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "positions_worker_idx" ON "positions" USING btree ("worker_id");--> statement-breakpoint
CREATE INDEX "positions_team_idx" ON "positions" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "positions_kind_idx" ON "positions" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "reviews_path_idx" ON "reviews" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "reviews_uq" ON "reviews" USING btree ("quarter","subject_kind","subject_id","direction","region_id");--> statement-breakpoint
CREATE INDEX "stationed_teams_path_idx" ON "stationed_teams" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "visit_findings_visit_idx" ON "visit_findings" USING btree ("visit_id");--> statement-breakpoint
CREATE INDEX "visit_people_visit_idx" ON "visit_people" USING btree ("visit_id");--> statement-breakpoint
CREATE INDEX "visit_people_resident_idx" ON "visit_people" USING btree ("resident_id");--> statement-breakpoint
CREATE INDEX "visits_path_idx" ON "visits" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "visits_worker_idx" ON "visits" USING btree ("worker_id","check_in_at");--> statement-breakpoint
CREATE INDEX "visits_check_in_idx" ON "visits" USING btree ("check_in_at");--> statement-breakpoint
CREATE INDEX "visits_team_idx" ON "visits" USING btree ("team_id","check_in_at");--> statement-breakpoint
CREATE UNIQUE INDEX "visits_open_uq" ON "visits" USING btree ("worker_id") WHERE "visits"."check_out_at" IS NULL;--> statement-breakpoint
CREATE INDEX "workers_path_idx" ON "workers" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "workers_user_uq" ON "workers" USING btree ("user_id") WHERE "workers"."user_id" IS NOT NULL AND "workers"."archived_at" IS NULL;--> statement-breakpoint
CREATE INDEX "workers_name_idx" ON "workers" USING btree ("name" text_pattern_ops);