-- party-service consumes case.events (`gongzhi.case.parties-shared`: agencies that came to hold a case read its
-- parties). Each event is applied once: its id is recorded here in the transaction of its effect, so a second
-- delivery finds it and changes nothing (libs/outbox, recordProcessedEvent).
CREATE TABLE "processed_events" (
    "consumer" TEXT NOT NULL,
    "event_source" TEXT NOT NULL,
    "event_id" UUID NOT NULL,
    "event_type" TEXT NOT NULL,
    "processed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "processed_events_pkey" PRIMARY KEY ("consumer","event_source","event_id")
);
