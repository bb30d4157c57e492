-- Two tasks opened at once on one case deadlocked, and one opening failed: inserting a task takes a key-share lock on
-- its case (the foreign key's check), and the trigger keeping `tasks_disagree` then asked for FOR UPDATE on the same
-- row, which waits for every other key-share lock; each opening held one and waited for the other's. The trigger never
-- changes the case's key, so FOR NO KEY UPDATE is enough: it still queues the task triggers of one case behind each
-- other and behind any update of the case, and lets the foreign key checks through.
CREATE OR REPLACE FUNCTION "cases_tasks_disagree_on_task"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed UUID[];
  one UUID;
BEGIN
  IF TG_OP = 'DELETE' THEN changed := ARRAY[OLD.case_id];
  ELSIF TG_OP = 'UPDATE' AND OLD.case_id IS DISTINCT FROM NEW.case_id THEN changed := ARRAY[OLD.case_id, NEW.case_id];
  ELSE changed := ARRAY[NEW.case_id];
  END IF;
  FOREACH one IN ARRAY changed LOOP
    PERFORM 1 FROM cases c WHERE c.id = one FOR NO KEY UPDATE;
    UPDATE cases c SET tasks_disagree = case_tasks_disagree(c.id, c.status, c.awaited_action, c.current_level)
    WHERE c.id = one
      AND c.tasks_disagree IS DISTINCT FROM case_tasks_disagree(c.id, c.status, c.awaited_action, c.current_level);
  END LOOP;
  RETURN NULL;
END $$;
