-- The records beside the cases hold their vocabulary columns to the contracts' words too (see the migration before).
ALTER TABLE "duplicate_suggestions" ADD CONSTRAINT "duplicate_suggestions_status_check" CHECK ("status" IN ('open', 'confirmed', 'dismissed'));
ALTER TABLE "case_documents" ADD CONSTRAINT "case_documents_kind_check" CHECK ("kind" IN ('mediation-agreement', 'session-record', 'evidence', 'judicial-confirmation', 'confirmation-application', 'court-filing', 'other'));
ALTER TABLE "case_documents" ADD CONSTRAINT "case_documents_status_check" CHECK ("status" IN ('pending', 'stored'));
ALTER TABLE "admin_repairs" ADD CONSTRAINT "admin_repairs_kind_check" CHECK ("kind" IN ('retry-activity', 'reassign-task', 'reopen-task', 'resend-urging', 'extend-deadline', 'terminate', 'reset'));
ALTER TABLE "admin_repairs" ADD CONSTRAINT "admin_repairs_status_check" CHECK ("status" IN ('pending', 'running', 'applied', 'refused', 'failed'));
ALTER TABLE "case_watchers" ADD CONSTRAINT "case_watchers_level_check" CHECK ("level" IN ('L1', 'L2', 'L3', 'L4'));
ALTER TABLE "open_task_tallies" ADD CONSTRAINT "open_task_tallies_kind_check" CHECK ("kind" IN ('accept-transfer', 'handle-rejection', 'urge-acceptance', 'mediate', 'approve-extension', 'decide-escalation', 'joint-sign-off', 'follow-up-visit', 'judicial-confirmation'));
