-- What a report brought besides its reporter: the other parties (party-service ids and roles), the amount in dispute
-- and intake's risk signs. A report that opens a case gives them to the case too; a linked report keeps them here only,
-- so a mediator can decide whether they belong in the case. Nullable: reports filed before this column brought none.
ALTER TABLE "reports" ADD COLUMN "other_parties" JSONB;
ALTER TABLE "reports" ADD COLUMN "amount_in_dispute" DECIMAL(14,2);
ALTER TABLE "reports" ADD COLUMN "risk_assessment" JSONB;
