-- A repair batch's kind and status hold the contracts' words too (see the closed_vocabularies migrations).
ALTER TABLE "admin_repair_batches" ADD CONSTRAINT "admin_repair_batches_kind_check" CHECK ("kind" IN ('retry-activity', 'reassign-task', 'reopen-task', 'resend-urging', 'extend-deadline', 'terminate', 'reset'));
ALTER TABLE "admin_repair_batches" ADD CONSTRAINT "admin_repair_batches_status_check" CHECK ("status" IN ('running', 'done'));
