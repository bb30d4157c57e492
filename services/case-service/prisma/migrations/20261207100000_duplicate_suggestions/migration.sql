-- Possible duplicates (一地多报 on weak evidence). The same-place rule no longer links a report to a case only because
-- it was made at the same place, of the same type, within 7 days: two families of one village would share a case. Such
-- a report now opens its own case, which carries a suggestion naming the earlier case, the rule and the evidence (codes
-- and ids only). A mediator or coordinator confirms it (a merge) or dismisses it; until then both cases go on.
CREATE TABLE "duplicate_suggestions" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "candidate_case_id" UUID NOT NULL,
    "town_code" TEXT NOT NULL,
    "report_id" UUID NOT NULL,
    "rule" TEXT NOT NULL,
    "evidence" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "suggested_at" TIMESTAMPTZ(3) NOT NULL,
    "decided_at" TIMESTAMPTZ(3),
    "decided_by" TEXT,
    "decided_by_agency_id" TEXT,
    "reason" TEXT,

    CONSTRAINT "duplicate_suggestions_pkey" PRIMARY KEY ("id")
);

-- A case view reads the suggestions naming it on either side (case_id through the unique index below).
CREATE INDEX "duplicate_suggestions_candidate_case_id_idx" ON "duplicate_suggestions"("candidate_case_id");

-- The coordinators' list: a town's suggestions by status, newest first; administrators list every town's.
CREATE INDEX "duplicate_suggestions_town_code_status_suggested_at_id_idx" ON "duplicate_suggestions"("town_code", "status", "suggested_at", "id");
CREATE INDEX "duplicate_suggestions_status_suggested_at_id_idx" ON "duplicate_suggestions"("status", "suggested_at", "id");

-- One suggestion per pair of cases.
CREATE UNIQUE INDEX "duplicate_suggestions_case_id_candidate_case_id_key" ON "duplicate_suggestions"("case_id", "candidate_case_id");

ALTER TABLE "duplicate_suggestions" ADD CONSTRAINT "duplicate_suggestions_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "duplicate_suggestions" ADD CONSTRAINT "duplicate_suggestions_candidate_case_id_fkey" FOREIGN KEY ("candidate_case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
