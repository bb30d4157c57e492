-- A town's figures (GET /statistics) counted every case that opened or closed in the range and every stay that began,
-- was accepted or rejected there, row by row: at 10,000 cases opened in 90 days the stays alone took 17 ms, and the
-- answer grew with the town (9 → 22 ms from 681 to 10,681 cases). Those counts are now tallied per Asia/Shanghai day,
-- kept by the database in the statement that writes a case or a stay (the projection, a rebuild's replay), so a town's
-- figures sum a few rows per day whatever its size. Per-agency figures still count their cases' rows (the cases that
-- ever visited an agency are not a sum of days), and so do the stays' p90 and the missed deadlines, which grow with
-- what ended or was missed in the range.

-- What opened (closing = false: the other key columns are blank) and what closed on a day, by dispute type; a closing
-- also by the agency and level that closed it and whether it was merged or resolved. `has_agency` tells a closing with
-- no agency from one whose agency id is blank (both store ''): a key column cannot be null.
CREATE TABLE "case_day_tallies" (
    "town_code" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "dispute_type" TEXT NOT NULL,
    "closing" BOOLEAN NOT NULL,
    "agency_id" TEXT NOT NULL,
    "has_agency" BOOLEAN NOT NULL,
    "level" TEXT NOT NULL,
    "merged" BOOLEAN NOT NULL,
    "resolved" BOOLEAN NOT NULL,
    "cases" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "case_day_tallies_pkey" PRIMARY KEY ("town_code","day","dispute_type","closing","agency_id","has_agency","level","merged","resolved")
);

-- The stays of an agency that began (entered), were accepted (and of those, by their deadline) or rejected on a day,
-- in the town of their case.
CREATE TABLE "visit_day_tallies" (
    "town_code" TEXT NOT NULL,
    "agency_id" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "what" TEXT NOT NULL,
    "visits" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "visit_day_tallies_pkey" PRIMARY KEY ("town_code","agency_id","day","what")
);

CREATE FUNCTION shanghai_day(instant TIMESTAMPTZ) RETURNS DATE LANGUAGE sql IMMUTABLE AS $$
  SELECT (instant AT TIME ZONE 'Asia/Shanghai')::date
$$;

-- The tally rows of some cases, +1 each (the caller negates the old rows of an update or a delete).
CREATE FUNCTION case_day_tally_rows(changed_cases cases[], sign INTEGER)
RETURNS TABLE (town_code TEXT, day DATE, dispute_type TEXT, closing BOOLEAN, agency_id TEXT, has_agency BOOLEAN,
               level TEXT, merged BOOLEAN, resolved BOOLEAN, change INTEGER)
LANGUAGE sql STABLE AS $$
  SELECT c.town_code, shanghai_day(c.opened_at), c.dispute_type, false, '', false, '', false, false, sign
  FROM unnest(changed_cases) AS c
  UNION ALL
  SELECT c.town_code, shanghai_day(c.closed_at), c.dispute_type, true, coalesce(c.closed_agency_id, ''),
         c.closed_agency_id IS NOT NULL, coalesce(c.closed_level, ''), c.status = 'merged',
         coalesce(c.outcome = 'resolved', false), sign
  FROM unnest(changed_cases) AS c WHERE c.closed_at IS NOT NULL
$$;

-- One trigger per statement: a statement's changes are summed by key, applied in key order (two statements meeting on
-- the same keys lock them in the same order), and a change that leaves a key as it was (most updates of a case: its
-- level, its overdue spell) writes nothing. Transition tables allow one event per trigger, hence one trigger each.
CREATE FUNCTION case_day_tallies_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  added cases[] := '{}';
  removed cases[] := '{}';
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN SELECT coalesce(array_agg(n), '{}') INTO added FROM new_cases n; END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN SELECT coalesce(array_agg(o), '{}') INTO removed FROM old_cases o; END IF;
  INSERT INTO case_day_tallies AS t (town_code, day, dispute_type, closing, agency_id, has_agency, level, merged,
                                     resolved, cases)
  SELECT r.town_code, r.day, r.dispute_type, r.closing, r.agency_id, r.has_agency, r.level, r.merged, r.resolved,
         sum(r.change)
  FROM (SELECT * FROM case_day_tally_rows(added, 1) UNION ALL SELECT * FROM case_day_tally_rows(removed, -1)) AS r
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 HAVING sum(r.change) <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9
  ON CONFLICT (town_code, day, dispute_type, closing, agency_id, has_agency, level, merged, resolved)
  DO UPDATE SET cases = t.cases + EXCLUDED.cases;
  RETURN NULL;
END $$;

CREATE TRIGGER cases_day_tally_insert AFTER INSERT ON cases
  REFERENCING NEW TABLE AS new_cases FOR EACH STATEMENT EXECUTE FUNCTION case_day_tallies_apply();
CREATE TRIGGER cases_day_tally_update AFTER UPDATE ON cases
  REFERENCING OLD TABLE AS old_cases NEW TABLE AS new_cases FOR EACH STATEMENT EXECUTE FUNCTION case_day_tallies_apply();
CREATE TRIGGER cases_day_tally_delete AFTER DELETE ON cases
  REFERENCING OLD TABLE AS old_cases FOR EACH STATEMENT EXECUTE FUNCTION case_day_tallies_apply();

-- A stay's tally rows, +1 each; its town is its case's (a case never changes town).
CREATE FUNCTION visit_day_tally_rows(changed_visits level_visits[], sign INTEGER)
RETURNS TABLE (town_code TEXT, agency_id TEXT, day DATE, what TEXT, change INTEGER)
LANGUAGE sql STABLE AS $$
  SELECT c.town_code, v.agency_id, e.day, e.what, sign
  FROM unnest(changed_visits) AS v
  JOIN cases c ON c.id = v.case_id
  CROSS JOIN LATERAL (VALUES
    (shanghai_day(v.entered_at), 'entered'),
    (shanghai_day(v.accepted_at), 'accepted'),
    (CASE WHEN v.acceptance_due_at IS NULL OR v.accepted_at <= v.acceptance_due_at
          THEN shanghai_day(v.accepted_at) END, 'accepted_on_time'),
    (shanghai_day(v.rejected_at), 'rejected')
  ) AS e(day, what)
  WHERE e.day IS NOT NULL
$$;

CREATE FUNCTION visit_day_tallies_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  added level_visits[] := '{}';
  removed level_visits[] := '{}';
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN SELECT coalesce(array_agg(n), '{}') INTO added FROM new_visits n; END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN SELECT coalesce(array_agg(o), '{}') INTO removed FROM old_visits o; END IF;
  INSERT INTO visit_day_tallies AS t (town_code, agency_id, day, what, visits)
  SELECT r.town_code, r.agency_id, r.day, r.what, sum(r.change)
  FROM (SELECT * FROM visit_day_tally_rows(added, 1) UNION ALL SELECT * FROM visit_day_tally_rows(removed, -1)) AS r
  GROUP BY 1, 2, 3, 4 HAVING sum(r.change) <> 0 ORDER BY 1, 2, 3, 4
  ON CONFLICT (town_code, agency_id, day, what) DO UPDATE SET visits = t.visits + EXCLUDED.visits;
  RETURN NULL;
END $$;

CREATE TRIGGER level_visits_day_tally_insert AFTER INSERT ON level_visits
  REFERENCING NEW TABLE AS new_visits FOR EACH STATEMENT EXECUTE FUNCTION visit_day_tallies_apply();
CREATE TRIGGER level_visits_day_tally_update AFTER UPDATE ON level_visits
  REFERENCING OLD TABLE AS old_visits NEW TABLE AS new_visits FOR EACH STATEMENT EXECUTE FUNCTION visit_day_tallies_apply();
CREATE TRIGGER level_visits_day_tally_delete AFTER DELETE ON level_visits
  REFERENCING OLD TABLE AS old_visits FOR EACH STATEMENT EXECUTE FUNCTION visit_day_tallies_apply();

-- The rebuild empties the projection with TRUNCATE, which row and statement triggers above never see.
CREATE FUNCTION day_tallies_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'cases' THEN DELETE FROM case_day_tallies; END IF;
  DELETE FROM visit_day_tallies;
  RETURN NULL;
END $$;
CREATE TRIGGER cases_day_tally_truncate AFTER TRUNCATE ON cases
  FOR EACH STATEMENT EXECUTE FUNCTION day_tallies_clear();
CREATE TRIGGER level_visits_day_tally_truncate AFTER TRUNCATE ON level_visits
  FOR EACH STATEMENT EXECUTE FUNCTION day_tallies_clear();

-- What the projection holds already.
INSERT INTO case_day_tallies (town_code, day, dispute_type, closing, agency_id, has_agency, level, merged, resolved,
                              cases)
SELECT r.town_code, r.day, r.dispute_type, r.closing, r.agency_id, r.has_agency, r.level, r.merged, r.resolved,
       sum(r.change)
FROM case_day_tally_rows(ARRAY(SELECT c FROM cases c), 1) AS r
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
INSERT INTO visit_day_tallies (town_code, agency_id, day, what, visits)
SELECT r.town_code, r.agency_id, r.day, r.what, sum(r.change)
FROM visit_day_tally_rows(ARRAY(SELECT v FROM level_visits v), 1) AS r
GROUP BY 1, 2, 3, 4;
