-- CreateTable
CREATE TABLE "processed_events" (
    "consumer" TEXT NOT NULL,
    "event_source" TEXT NOT NULL,
    "event_id" UUID NOT NULL,
    "event_type" TEXT NOT NULL,
    "processed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "processed_events_pkey" PRIMARY KEY ("consumer","event_source","event_id")
);

-- CreateTable
CREATE TABLE "agencies" (
    "id" TEXT NOT NULL,
    "town_code" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "agencies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cases" (
    "id" UUID NOT NULL,
    "town_code" TEXT NOT NULL,
    "village_code" TEXT,
    "dispute_type" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "opened_at" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL,
    "outcome" TEXT,
    "closed_at" TIMESTAMPTZ(3),
    "closed_level" TEXT,
    "closed_agency_id" TEXT,
    "current_level" TEXT,
    "current_agency_id" TEXT,
    "overdue_since" TIMESTAMPTZ(3),
    "overdue_clock" TEXT,

    CONSTRAINT "cases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "level_visits" (
    "case_id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "level" TEXT NOT NULL,
    "agency_id" TEXT NOT NULL,
    "entered_at" TIMESTAMPTZ(3) NOT NULL,
    "acceptance_due_at" TIMESTAMPTZ(3),
    "accepted_at" TIMESTAMPTZ(3),
    "rejected_at" TIMESTAMPTZ(3),
    "left_at" TIMESTAMPTZ(3),

    CONSTRAINT "level_visits_pkey" PRIMARY KEY ("case_id","seq")
);

-- CreateTable
CREATE TABLE "deadline_misses" (
    "event_id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "town_code" TEXT NOT NULL,
    "level" TEXT,
    "agency_id" TEXT,
    "clock" TEXT NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "missed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "deadline_misses_pkey" PRIMARY KEY ("event_id")
);

-- CreateIndex
CREATE INDEX "cases_town_code_opened_at_idx" ON "cases"("town_code", "opened_at");

-- CreateIndex
CREATE INDEX "cases_town_code_closed_at_idx" ON "cases"("town_code", "closed_at");

-- CreateIndex
CREATE INDEX "level_visits_agency_id_entered_at_idx" ON "level_visits"("agency_id", "entered_at");

-- CreateIndex
CREATE INDEX "deadline_misses_town_code_missed_at_idx" ON "deadline_misses"("town_code", "missed_at");

-- CreateIndex
CREATE INDEX "deadline_misses_case_id_idx" ON "deadline_misses"("case_id");

-- AddForeignKey
ALTER TABLE "level_visits" ADD CONSTRAINT "level_visits_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
