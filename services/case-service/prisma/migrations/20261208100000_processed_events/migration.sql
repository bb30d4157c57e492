-- case-service consumes party.events (`gongzhi.party.risk-flag-set`: a risk flag set on a party reaches the workflow
-- of each open case the party is in). Each event is applied once: its id is recorded here in the transaction that
-- applied it, so a second delivery finds it and changes nothing (libs/outbox, recordProcessedEvent).
CREATE TABLE "processed_events" (
    "consumer" TEXT NOT NULL,
    "event_source" TEXT NOT NULL,
    "event_id" UUID NOT NULL,
    "event_type" TEXT NOT NULL,
    "processed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "processed_events_pkey" PRIMARY KEY ("consumer","event_source","event_id")
);
