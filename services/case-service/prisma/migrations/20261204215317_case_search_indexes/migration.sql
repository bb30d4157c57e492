-- Indexes for the case search of GET /api/v1/cases (README, case-service). Every page is ordered by opened_at (newest
-- first): a coordinator's town narrowed by status, a village or a dispute type reads its rows in that order instead of
-- sorting the town's cases; the GIN index on agency_ids serves `@>`, which both the visibility of everyone but
-- coordinators and administrators (cases involving their agency) and the agencyId filter use.
-- The summary text search (ILIKE) gets no trigram index: searches are often two Chinese characters, fewer than the
-- three a trigram needs, and run within the caller's visible cases, which the indexes above already narrow.
CREATE INDEX "cases_town_code_status_opened_at_id_idx" ON "cases"("town_code", "status", "opened_at", "id");
CREATE INDEX "cases_village_code_opened_at_idx" ON "cases"("village_code", "opened_at");
CREATE INDEX "cases_dispute_type_opened_at_idx" ON "cases"("dispute_type", "opened_at");
CREATE INDEX "cases_agency_ids_idx" ON "cases" USING GIN ("agency_ids");
