-- The figures count what opened in the range in PostgreSQL: for one town the (town_code, opened_at) index finds those
-- cases, but an administrator's view of every town has no town to lead with, and without this index it would read
-- every case the projection ever had to find a month's openings.
CREATE INDEX "cases_opened_at_idx" ON "cases"("opened_at");
