-- CreateTable
CREATE TABLE "reports" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "dispute_type" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "town_code" TEXT NOT NULL,
    "village_code" TEXT,
    "grid_code" TEXT,
    "reporter_party_id" TEXT,
    "event_ref" TEXT,
    "matched_by" TEXT,
    "reported_by" TEXT NOT NULL,
    "agency_id" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reports_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "reports_case_id_received_at_idx" ON "reports"("case_id", "received_at");

-- CreateIndex
CREATE INDEX "reports_town_code_event_ref_idx" ON "reports"("town_code", "event_ref");

-- CreateIndex
CREATE INDEX "reports_reporter_party_id_dispute_type_received_at_idx" ON "reports"("reporter_party_id", "dispute_type", "received_at");

-- CreateIndex
CREATE INDEX "reports_town_code_grid_code_village_code_dispute_type_recei_idx" ON "reports"("town_code", "grid_code", "village_code", "dispute_type", "received_at");

-- AddForeignKey
ALTER TABLE "reports" ADD CONSTRAINT "reports_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
