-- The columns that hold a word of the contracts' vocabularies take no other word: a bug or a hand-written UPDATE that
-- writes a status, phase, level, outcome, kind, source or dispute type the code does not know fails here, not later in
-- a list that cannot show it. NULL (no level, phase or outcome yet) passes. Prisma does not model CHECK constraints;
-- closed-vocabularies.int-spec.ts keeps each list equal to the contracts'.
ALTER TABLE "cases" ADD CONSTRAINT "cases_status_check" CHECK ("status" IN ('opening', 'open', 'merged', 'closed'));
ALTER TABLE "cases" ADD CONSTRAINT "cases_source_check" CHECK ("source" IN ('grid-report', 'walk-in', 'police-transfer', 'hotline-12345', 'petition', 'court-referral'));
ALTER TABLE "cases" ADD CONSTRAINT "cases_dispute_type_check" CHECK ("dispute_type" IN ('land-forest', 'neighbour', 'marriage-family', 'wages-labour', 'housing-property', 'traffic', 'contract-debt', 'medical', 'other'));
ALTER TABLE "cases" ADD CONSTRAINT "cases_current_level_check" CHECK ("current_level" IN ('L1', 'L2', 'L3', 'L4'));
ALTER TABLE "cases" ADD CONSTRAINT "cases_phase_check" CHECK ("phase" IN ('planning', 'transfer', 'transfer-rejected', 'mediation', 'awaiting-decision', 'agreement-sign-off', 'follow-up', 'closed'));
ALTER TABLE "cases" ADD CONSTRAINT "cases_outcome_check" CHECK ("outcome" IN ('resolved', 'referred-to-litigation', 'closed-unresolved', 'withdrawn', 'merged', 'terminated'));
ALTER TABLE "reports" ADD CONSTRAINT "reports_source_check" CHECK ("source" IN ('grid-report', 'walk-in', 'police-transfer', 'hotline-12345', 'petition', 'court-referral'));
ALTER TABLE "reports" ADD CONSTRAINT "reports_dispute_type_check" CHECK ("dispute_type" IN ('land-forest', 'neighbour', 'marriage-family', 'wages-labour', 'housing-property', 'traffic', 'contract-debt', 'medical', 'other'));
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_kind_check" CHECK ("kind" IN ('accept-transfer', 'handle-rejection', 'urge-acceptance', 'mediate', 'approve-extension', 'decide-escalation', 'joint-sign-off', 'follow-up-visit', 'judicial-confirmation'));
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_level_check" CHECK ("level" IN ('L1', 'L2', 'L3', 'L4'));
