-- The task queue: who holds a task and how they came to, the case facts its filters and priority read, working
-- notes, and the staff who keep watching a case after mediating it.

-- AlterTable: dispute_type is added nullable, filled from the case, then made NOT NULL (existing rows have no value).
ALTER TABLE "tasks" ADD COLUMN     "assigned_at" TIMESTAMPTZ(3),
ADD COLUMN     "assigned_by" TEXT,
ADD COLUMN     "dispute_type" TEXT,
ADD COLUMN     "risk_flags" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "village_code" TEXT,
ADD COLUMN     "workflow_assigned" BOOLEAN NOT NULL DEFAULT false;

-- Tasks opened before this migration: the case's facts, and an assignee that can only have come from the workflow.
UPDATE "tasks" AS t
SET "dispute_type" = c."dispute_type",
    "village_code" = c."village_code",
    "risk_flags" = array_remove(ARRAY[
      CASE WHEN c."risk_violence" THEN 'violence-risk' END,
      CASE WHEN c."risk_group" THEN 'group-dispute' END,
      CASE WHEN c."risk_key_person" THEN 'key-person' END
    ], NULL),
    "workflow_assigned" = t."assignee_staff_id" IS NOT NULL,
    "assigned_at" = CASE WHEN t."assignee_staff_id" IS NOT NULL THEN t."opened_at" END
FROM "cases" AS c
WHERE c."id" = t."case_id";

ALTER TABLE "tasks" ALTER COLUMN "dispute_type" SET NOT NULL;

-- CreateTable
CREATE TABLE "task_notes" (
    "id" UUID NOT NULL,
    "task_id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "author_staff_id" TEXT NOT NULL,
    "author_agency_id" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "task_notes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_watchers" (
    "case_id" UUID NOT NULL,
    "staff_id" TEXT NOT NULL,
    "since" TIMESTAMPTZ(3) NOT NULL,
    "level" TEXT,
    "task_id" UUID NOT NULL,

    CONSTRAINT "case_watchers_pkey" PRIMARY KEY ("case_id","staff_id")
);

-- CreateIndex
CREATE INDEX "task_notes_task_id_created_at_id_idx" ON "task_notes"("task_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "case_watchers_staff_id_since_case_id_idx" ON "case_watchers"("staff_id", "since", "case_id");

-- CreateIndex
CREATE INDEX "tasks_town_code_status_village_code_dispute_type_idx" ON "tasks"("town_code", "status", "village_code", "dispute_type");

-- AddForeignKey
ALTER TABLE "task_notes" ADD CONSTRAINT "task_notes_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_watchers" ADD CONSTRAINT "case_watchers_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A task the workflow assigned has someone assigned (Prisma does not model CHECK constraints).
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_workflow_assignee_check" CHECK (NOT "workflow_assigned" OR "assignee_staff_id" IS NOT NULL);
