-- The stuck scan's two database reads used to read every open case and every open task (sequential scans, ~3–4 ms
-- each at 10,000 open cases, growing with the town). Each branch of their conditions now has an index range of its
-- own, so they read only the candidates (0.1–0.2 ms at 10,000 open cases, measured).

-- Stalled cases: open a while and no progress ever reported.
CREATE INDEX "cases_status_progress_seq_opened_at_idx" ON "cases"("status", "progress_seq", "opened_at");

-- Awaited actions past their due date (or without one), per kind; with the town last, the coordinator's transfer
-- count (the inbox badge) is answered from the index alone.
CREATE INDEX "tasks_status_kind_due_at_town_code_idx" ON "tasks"("status", "kind", "due_at", "town_code");

-- Awaited actions counted from their opening (decide-escalation).
CREATE INDEX "tasks_status_kind_opened_at_idx" ON "tasks"("status", "kind", "opened_at");
