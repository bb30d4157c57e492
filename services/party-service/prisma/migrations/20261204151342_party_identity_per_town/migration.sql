-- Identity is per town (security review, issue 12): a person or organisation registered in another town is a separate
-- record here, and one town's staff can never reach another town's record through an ID number or credit code.
-- Within a town one record per identity is the primary one; an agency that registers a person whose primary record it
-- may not see gets a record of its own, pointing at the primary as a possible duplicate for the coordinator to review.

-- DropIndex
DROP INDEX "parties_credit_code_key";

-- DropIndex
DROP INDEX "parties_id_number_blind_index_key";

-- AlterTable
ALTER TABLE "parties" ADD COLUMN     "duplicate_resolution" TEXT,
ADD COLUMN     "duplicate_resolution_reason" TEXT,
ADD COLUMN     "duplicate_resolved_at" TIMESTAMPTZ(3),
ADD COLUMN     "duplicate_resolved_by" TEXT,
ADD COLUMN     "possible_duplicate_of" UUID;

-- A review is a decision on a possible duplicate, made by someone, at some time.
ALTER TABLE "parties" ADD CONSTRAINT "parties_duplicate_resolution_check" CHECK (
  "duplicate_resolution" IS NULL
  OR ("duplicate_resolution" IN ('granted', 'dismissed')
      AND "possible_duplicate_of" IS NOT NULL
      AND "duplicate_resolved_by" IS NOT NULL
      AND "duplicate_resolved_at" IS NOT NULL)
);

-- CreateIndex
CREATE INDEX "parties_id_number_blind_index_idx" ON "parties"("id_number_blind_index");

-- CreateIndex
CREATE INDEX "parties_credit_code_idx" ON "parties"("credit_code");

-- CreateIndex
CREATE INDEX "parties_possible_duplicate_of_idx" ON "parties"("possible_duplicate_of");

-- CreateIndex
CREATE UNIQUE INDEX "parties_town_code_id_number_blind_index_key" ON "parties"("town_code", "id_number_blind_index") WHERE (possible_duplicate_of IS NULL);

-- CreateIndex
CREATE UNIQUE INDEX "parties_town_code_credit_code_key" ON "parties"("town_code", "credit_code") WHERE (possible_duplicate_of IS NULL);

-- At most one possible duplicate per identity, town and registering agency: two of its requests racing make one.
CREATE UNIQUE INDEX "parties_duplicate_id_number_per_agency_key" ON "parties"("town_code", "id_number_blind_index", "registering_agency_id") WHERE (possible_duplicate_of IS NOT NULL);

-- CreateIndex
CREATE UNIQUE INDEX "parties_duplicate_credit_code_per_agency_key" ON "parties"("town_code", "credit_code", "registering_agency_id") WHERE (possible_duplicate_of IS NOT NULL);

-- AddForeignKey
ALTER TABLE "parties" ADD CONSTRAINT "parties_possible_duplicate_of_fkey" FOREIGN KEY ("possible_duplicate_of") REFERENCES "parties"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
