-- AlterTable
ALTER TABLE "cases" ADD COLUMN     "agency_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "intake_agency_id" TEXT,
ADD COLUMN     "reported_by" TEXT;

-- CreateIndex
CREATE INDEX "cases_town_code_opened_at_id_idx" ON "cases"("town_code", "opened_at", "id");
