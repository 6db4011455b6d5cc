DROP INDEX "visit_people_visit_idx";--> statement-breakpoint
CREATE INDEX "visit_people_visit_idx" ON "visit_people" USING btree ("visit_id","resident_id");--> statement-breakpoint
ALTER TABLE "organizations" DROP COLUMN "party_led";