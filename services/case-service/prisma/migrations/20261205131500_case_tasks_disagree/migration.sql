-- The stuck scan compares each open case's open tasks with the action its workflow last reported awaiting. Done as a
-- query over every open case, that comparison grew with the town (10,000 open cases: 30–50 ms a scan, and a JIT
-- compile). Kept here instead, on the case row, by the database itself whatever writes a task or a case's progress
-- (the workflow, a repair, a merge): the scan reads the flagged cases through a partial index.
--
-- A case disagrees with its tasks when it is open and either an open task is of another kind than the awaited action
-- (or of another level than the case's), or it awaits an action (always a human one: the progress contract allows no
-- other) with no open task of that kind.
--
-- Concurrency: a task trigger first locks the case row, then computes in a fresh snapshot (each statement of a
-- PL/pgSQL function takes its own under READ COMMITTED), so of two transactions changing one case's tasks, the one
-- that computes last sees the other's committed change: the last flag written is right. A case update holds the row
-- lock already.
ALTER TABLE "cases" ADD COLUMN "tasks_disagree" BOOLEAN NOT NULL DEFAULT false;

CREATE FUNCTION "case_tasks_disagree"(case_id UUID, status TEXT, awaited_action TEXT, current_level TEXT)
RETURNS BOOLEAN LANGUAGE sql STABLE AS $$
  SELECT status = 'open' AND (
    EXISTS (SELECT 1 FROM tasks t WHERE t.case_id = $1 AND t.status = 'open'
            AND (t.kind IS DISTINCT FROM $3 OR (t.level IS NOT NULL AND t.level IS DISTINCT FROM $4)))
    OR ($3 IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.case_id = $1 AND t.status = 'open' AND t.kind = $3)))
$$;

CREATE FUNCTION "cases_tasks_disagree_on_case"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.tasks_disagree := case_tasks_disagree(NEW.id, NEW.status, NEW.awaited_action, NEW.current_level);
  RETURN NEW;
END $$;

CREATE TRIGGER "cases_tasks_disagree_on_case" BEFORE UPDATE OF "status", "awaited_action", "current_level" ON "cases"
FOR EACH ROW EXECUTE FUNCTION "cases_tasks_disagree_on_case"();

CREATE FUNCTION "cases_tasks_disagree_on_task"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed UUID[];
  one UUID;
BEGIN
  IF TG_OP = 'DELETE' THEN changed := ARRAY[OLD.case_id];
  ELSIF TG_OP = 'UPDATE' AND OLD.case_id IS DISTINCT FROM NEW.case_id THEN changed := ARRAY[OLD.case_id, NEW.case_id];
  ELSE changed := ARRAY[NEW.case_id];
  END IF;
  FOREACH one IN ARRAY changed LOOP
    PERFORM 1 FROM cases c WHERE c.id = one FOR UPDATE;
    UPDATE cases c SET tasks_disagree = case_tasks_disagree(c.id, c.status, c.awaited_action, c.current_level)
    WHERE c.id = one
      AND c.tasks_disagree IS DISTINCT FROM case_tasks_disagree(c.id, c.status, c.awaited_action, c.current_level);
  END LOOP;
  RETURN NULL;
END $$;

CREATE TRIGGER "cases_tasks_disagree_on_task" AFTER INSERT OR DELETE OR UPDATE OF "status", "kind", "level", "case_id"
ON "tasks" FOR EACH ROW EXECUTE FUNCTION "cases_tasks_disagree_on_task"();

-- The cases already there.
UPDATE "cases" c SET "tasks_disagree" = case_tasks_disagree(c.id, c.status, c.awaited_action, c.current_level)
WHERE c.status = 'open';

CREATE INDEX "cases_tasks_disagree_idx" ON "cases" ("town_code", "updated_at", "id") WHERE "tasks_disagree";
