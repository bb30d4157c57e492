-- The stuck scan stops describing every running workflow on each request. A background sweep describes them at a
-- bounded rate and keeps here the ones in trouble (an activity retrying, a workflow task failing); the scan describes
-- only those. The sweep's lease and last whole pass let the scan say whether what it read is complete.
CREATE TABLE "workflow_health" (
    "workflow_id" TEXT NOT NULL,
    "case_id" UUID,
    "town_code" TEXT,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "checked_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "workflow_health_pkey" PRIMARY KEY ("workflow_id")
);

CREATE INDEX "workflow_health_town_code_idx" ON "workflow_health"("town_code");

CREATE TABLE "workflow_health_sweeps" (
    "scope" TEXT NOT NULL,
    "holder" TEXT,
    "lease_until" TIMESTAMPTZ(3),
    "last_pass_started_at" TIMESTAMPTZ(3),
    "last_pass_finished_at" TIMESTAMPTZ(3),
    "last_pass_checked" INTEGER NOT NULL DEFAULT 0,
    "last_pass_complete" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "workflow_health_sweeps_pkey" PRIMARY KEY ("scope")
);

-- The scan's stalled cases: open, past the deadline their workflow should have acted on.
CREATE INDEX "cases_status_next_deadline_idx" ON "cases"("status", "next_deadline");
