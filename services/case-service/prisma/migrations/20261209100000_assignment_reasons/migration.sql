-- A supervisor who assigns or reassigns a task may say why (a sick mediator, a colleague who knows the family). The
-- reason is a note on the task by the supervisor, marked with the hand-over it explains, so the case's people read it
-- beside the working notes; it stays in this database (never in the workflow, events or logs).
ALTER TABLE "task_notes" ADD COLUMN "assigned_from" TEXT;
ALTER TABLE "task_notes" ADD COLUMN "assigned_to" TEXT;

-- An assignment note always names whom the task went to.
ALTER TABLE "task_notes" ADD CONSTRAINT "task_notes_assignment_check"
  CHECK ("assigned_from" IS NULL OR "assigned_to" IS NOT NULL);
