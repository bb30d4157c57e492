-- AlterTable
ALTER TABLE "cases" ADD COLUMN     "amount_in_dispute" DECIMAL(14,2),
ADD COLUMN     "merged_into_id" UUID,
ADD COLUMN     "risk_group" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "risk_key_person" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "risk_notes" TEXT,
ADD COLUMN     "risk_violence" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "case_parties" (
    "case_id" UUID NOT NULL,
    "party_id" UUID NOT NULL,
    "role" TEXT NOT NULL,
    "added_by" TEXT NOT NULL,
    "added_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_parties_pkey" PRIMARY KEY ("case_id","party_id")
);

-- CreateTable
CREATE TABLE "case_events" (
    "id" BIGSERIAL NOT NULL,
    "case_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "agency_id" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "case_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "case_parties_party_id_idx" ON "case_parties"("party_id");

-- CreateIndex
CREATE INDEX "case_events_case_id_at_id_idx" ON "case_events"("case_id", "at", "id");

-- AddForeignKey
ALTER TABLE "case_parties" ADD CONSTRAINT "case_parties_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
