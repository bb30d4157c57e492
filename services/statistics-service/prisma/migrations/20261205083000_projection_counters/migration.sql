-- How many events each consumer has applied, kept beside processed_events and raised in the same transaction as its
-- row, so every statistics answer reads one row instead of counting a table that grows with the town's history.
CREATE TABLE "projection_counters" (
    "consumer" TEXT NOT NULL,
    "events_applied" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "projection_counters_pkey" PRIMARY KEY ("consumer")
);

-- Start from the events already applied, so the figure carries on from where it was instead of restarting at zero.
INSERT INTO "projection_counters" ("consumer", "events_applied")
SELECT "consumer", count(*) FROM "processed_events" GROUP BY "consumer";
