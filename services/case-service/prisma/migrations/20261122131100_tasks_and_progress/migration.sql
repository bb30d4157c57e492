-- AlterTable
ALTER TABLE "case_events" ADD COLUMN     "event_key" TEXT;

-- AlterTable
ALTER TABLE "cases" ADD COLUMN     "awaited_action" TEXT,
ADD COLUMN     "current_agency_id" TEXT,
ADD COLUMN     "current_level" TEXT,
ADD COLUMN     "next_deadline" TIMESTAMPTZ(3),
ADD COLUMN     "outcome" TEXT,
ADD COLUMN     "phase" TEXT,
ADD COLUMN     "progress_seq" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "tasks" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "town_code" TEXT NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "action_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "level" TEXT,
    "agency_id" TEXT NOT NULL,
    "roles" TEXT[],
    "assignee_staff_id" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "opened_at" TIMESTAMPTZ(3) NOT NULL,
    "due_at" TIMESTAMPTZ(3),
    "rule" TEXT,
    "reason" TEXT,
    "reminded_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "closed_by" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "tasks_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "tasks_agency_id_status_due_at_idx" ON "tasks"("agency_id", "status", "due_at");

-- CreateIndex
CREATE INDEX "tasks_town_code_status_due_at_idx" ON "tasks"("town_code", "status", "due_at");

-- CreateIndex
CREATE INDEX "tasks_assignee_staff_id_status_idx" ON "tasks"("assignee_staff_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "tasks_case_id_action_id_key" ON "tasks"("case_id", "action_id");

-- CreateIndex
CREATE UNIQUE INDEX "case_events_event_key_key" ON "case_events"("event_key");

-- AddForeignKey
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- A task is open, completed or cancelled; nothing else can be stored (Prisma does not model CHECK constraints).
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_status_check" CHECK ("status" IN ('open', 'completed', 'cancelled'));
