-- Reads of the figures and the daily index that should cost what the period holds, not what the town's history holds:
-- the cases still open or closed within the index windows (closed_at IS NULL, the open cases, uses the same index) and
-- the deadlines missed within them, for every town at once too (an administrator's view), and the open cases overdue
-- now (found by status and overdue_since, instead of among every case the town ever had).
CREATE INDEX "cases_closed_at_idx" ON "cases"("closed_at");
CREATE INDEX "cases_status_overdue_since_town_code_idx" ON "cases"("status", "overdue_since", "town_code");
CREATE INDEX "deadline_misses_missed_at_idx" ON "deadline_misses"("missed_at");
