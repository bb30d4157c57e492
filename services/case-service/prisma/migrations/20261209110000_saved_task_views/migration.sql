-- Saved views of the task queue (issue 16) share the stuck scan's table: a `scope` tells the two lists apart, and the
-- views saved so far stay the stuck scan's. A stuck view's name is unique among the stuck views (administrators share
-- one list of names); a task view's among its owner's task views (anyone may save some, and must not be told of
-- another person's names), so the unique key gains a name space: '' for the stuck views, the owner for task views.
-- A task view is shared within its owner's town, kept with it.
ALTER TABLE "saved_views" ADD COLUMN "scope" TEXT NOT NULL DEFAULT 'stuck';
ALTER TABLE "saved_views" ADD COLUMN "name_space" TEXT NOT NULL DEFAULT '';
ALTER TABLE "saved_views" ADD COLUMN "town_code" TEXT;

-- Only the two lists (Prisma does not model CHECK constraints).
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_scope_check" CHECK ("scope" IN ('stuck', 'tasks'));

-- DropIndex
DROP INDEX "saved_views_name_key_key";

-- CreateIndex
CREATE UNIQUE INDEX "saved_views_scope_name_space_name_key_key" ON "saved_views"("scope", "name_space", "name_key");

-- CreateIndex
CREATE INDEX "saved_views_scope_town_code_idx" ON "saved_views"("scope", "town_code");
