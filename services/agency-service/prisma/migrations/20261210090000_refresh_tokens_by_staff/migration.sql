-- Deactivating a staff account (PATCH /api/v1/staff/:id with `active: false`) revokes every refresh token the person
-- could still redeem, in the transaction of the change. The table keeps one row per refresh ever made (about one per
-- quarter of an hour of each session), so the tokens are found by staff id through an index instead of a scan.

-- CreateIndex
CREATE INDEX "refresh_tokens_staff_id_idx" ON "refresh_tokens"("staff_id");
