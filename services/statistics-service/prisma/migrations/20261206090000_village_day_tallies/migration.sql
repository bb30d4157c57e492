-- The figures by village (GET /statistics `villages`): what opened and closed in each village on an Asia/Shanghai day,
-- kept by the same statement trigger as case_day_tallies, so a town's villages are a sum of a few rows per day however
-- many cases they had. A table of its own rather than one more key of case_day_tallies: that one is keyed by dispute
-- type, agency and level, and a village there would multiply its rows for every figure that does not ask for villages.

-- `village_code` '' stands for a case reported without a village: a key column cannot be null, and case.events never
-- carries an empty village code (2 to 40 characters). Merged and resolved as in case_day_tallies (blank on openings).
CREATE TABLE "village_day_tallies" (
    "town_code" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "village_code" TEXT NOT NULL,
    "closing" BOOLEAN NOT NULL,
    "merged" BOOLEAN NOT NULL,
    "resolved" BOOLEAN NOT NULL,
    "cases" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "village_day_tallies_pkey" PRIMARY KEY ("town_code","day","village_code","closing","merged","resolved")
);

-- The village tally rows of some cases, +1 each (the caller negates the old rows of an update or a delete).
CREATE FUNCTION village_day_tally_rows(changed_cases cases[], sign INTEGER)
RETURNS TABLE (town_code TEXT, day DATE, village_code TEXT, closing BOOLEAN, merged BOOLEAN, resolved BOOLEAN,
               change INTEGER)
LANGUAGE sql STABLE AS $$
  SELECT c.town_code, shanghai_day(c.opened_at), coalesce(c.village_code, ''), false, false, false, sign
  FROM unnest(changed_cases) AS c
  UNION ALL
  SELECT c.town_code, shanghai_day(c.closed_at), coalesce(c.village_code, ''), true, c.status = 'merged',
         coalesce(c.outcome = 'resolved', false), sign
  FROM unnest(changed_cases) AS c WHERE c.closed_at IS NOT NULL
$$;

-- The cases' statement trigger now keeps both tallies from one reading of its transition tables (a second trigger
-- would aggregate them again on every update of a case, most of which change neither). The village rows are written
-- after the dispute-type rows, each in key order, so two statements still lock the same keys in the same order.
CREATE OR REPLACE FUNCTION case_day_tallies_apply() RETURNS trigger LANGUAGE plpgsql AS $$
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
  INSERT INTO village_day_tallies AS t (town_code, day, village_code, closing, merged, resolved, cases)
  SELECT r.town_code, r.day, r.village_code, r.closing, r.merged, r.resolved, sum(r.change)
  FROM (SELECT * FROM village_day_tally_rows(added, 1) UNION ALL SELECT * FROM village_day_tally_rows(removed, -1)) AS r
  GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(r.change) <> 0 ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (town_code, day, village_code, closing, merged, resolved) DO UPDATE SET cases = t.cases + EXCLUDED.cases;
  RETURN NULL;
END $$;

-- The rebuild's TRUNCATE of cases empties the village tallies too.
CREATE OR REPLACE FUNCTION day_tallies_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'cases' THEN
    DELETE FROM case_day_tallies;
    DELETE FROM village_day_tallies;
  END IF;
  DELETE FROM visit_day_tallies;
  RETURN NULL;
END $$;

-- What the projection holds already.
INSERT INTO village_day_tallies (town_code, day, village_code, closing, merged, resolved, cases)
SELECT r.town_code, r.day, r.village_code, r.closing, r.merged, r.resolved, sum(r.change)
FROM village_day_tally_rows(ARRAY(SELECT c FROM cases c), 1) AS r
GROUP BY 1, 2, 3, 4, 5, 6;
