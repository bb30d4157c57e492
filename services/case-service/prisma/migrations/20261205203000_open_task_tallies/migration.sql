-- The queue's badges (GET /tasks/counts) counted every open task of their scope on every request: a coordinator's
-- "all" and "inbox" read the whole town's open tasks twice, so the request grew with the town (4 → 8 ms from 681 to
-- 10,681 open tasks). The open tasks are now tallied per town, agency, kind, roles and whether someone holds them,
-- kept by the database in the statement that changes a task, so a badge sums a few rows however many tasks are open.
-- Overdue counts stay index ranges on due_at: they grow with what is late, which is the point of showing them.

CREATE TABLE "open_task_tallies" (
    "town_code" TEXT NOT NULL,
    "agency_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "roles" TEXT NOT NULL,
    "assigned" BOOLEAN NOT NULL,
    "open_tasks" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "open_task_tallies_pkey" PRIMARY KEY ("town_code","agency_id","kind","roles","assigned")
);

-- `roles` is the task's roles joined by commas (a key column cannot be an array for Prisma); the badges split it.

-- One trigger per statement, not per row: a statement's changes are summed by key first and applied in key order, so
-- a bulk insert costs one upsert per key, and two statements meeting on the same keys lock them in the same order
-- (no deadlock between them). Transition tables allow one event per trigger, hence three triggers on one function.
CREATE FUNCTION open_task_tallies_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO open_task_tallies AS t (town_code, agency_id, kind, roles, assigned, open_tasks)
    SELECT town_code, agency_id, kind, array_to_string(roles, ','), assignee_staff_id IS NOT NULL, count(*)
    FROM new_tasks WHERE status = 'open'
    GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (town_code, agency_id, kind, roles, assigned)
    DO UPDATE SET open_tasks = t.open_tasks + EXCLUDED.open_tasks;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO open_task_tallies AS t (town_code, agency_id, kind, roles, assigned, open_tasks)
    SELECT town_code, agency_id, kind, array_to_string(roles, ','), assignee_staff_id IS NOT NULL, -count(*)
    FROM old_tasks WHERE status = 'open'
    GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (town_code, agency_id, kind, roles, assigned)
    DO UPDATE SET open_tasks = t.open_tasks + EXCLUDED.open_tasks;
  ELSE
    INSERT INTO open_task_tallies AS t (town_code, agency_id, kind, roles, assigned, open_tasks)
    SELECT town_code, agency_id, kind, roles, assigned, sum(change)
    FROM (
      SELECT town_code, agency_id, kind, array_to_string(roles, ',') AS roles,
             assignee_staff_id IS NOT NULL AS assigned, 1 AS change
      FROM new_tasks WHERE status = 'open'
      UNION ALL
      SELECT town_code, agency_id, kind, array_to_string(roles, ','), assignee_staff_id IS NOT NULL, -1
      FROM old_tasks WHERE status = 'open'
    ) AS changes
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(change) <> 0 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (town_code, agency_id, kind, roles, assigned)
    DO UPDATE SET open_tasks = t.open_tasks + EXCLUDED.open_tasks;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER tasks_tally_insert AFTER INSERT ON tasks
  REFERENCING NEW TABLE AS new_tasks FOR EACH STATEMENT EXECUTE FUNCTION open_task_tallies_apply();
CREATE TRIGGER tasks_tally_update AFTER UPDATE ON tasks
  REFERENCING OLD TABLE AS old_tasks NEW TABLE AS new_tasks FOR EACH STATEMENT EXECUTE FUNCTION open_task_tallies_apply();
CREATE TRIGGER tasks_tally_delete AFTER DELETE ON tasks
  REFERENCING OLD TABLE AS old_tasks FOR EACH STATEMENT EXECUTE FUNCTION open_task_tallies_apply();

-- Emptying the tasks empties their tallies.
CREATE FUNCTION open_task_tallies_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM open_task_tallies;
  RETURN NULL;
END
$$;
CREATE TRIGGER tasks_tally_truncate AFTER TRUNCATE ON tasks FOR EACH STATEMENT EXECUTE FUNCTION open_task_tallies_clear();

-- The tasks already open.
INSERT INTO open_task_tallies (town_code, agency_id, kind, roles, assigned, open_tasks)
SELECT town_code, agency_id, kind, array_to_string(roles, ','), assignee_staff_id IS NOT NULL, count(*)
FROM tasks WHERE status = 'open'
GROUP BY 1, 2, 3, 4, 5;
