-- The projection's vocabulary columns hold the contracts' words only (agency kinds, dispute types, sources, outcomes,
-- levels, missed clocks), as the events that fill them do; a day tally's level is blank for an opening. A word added to
-- the contracts needs a migration here too.
ALTER TABLE "agencies" ADD CONSTRAINT "agencies_kind_check" CHECK ("kind" IN ('mediation-committee', 'police-station', 'judicial-office', 'court', 'governance-centre', 'other-department'));
ALTER TABLE "cases" ADD CONSTRAINT "cases_dispute_type_check" CHECK ("dispute_type" IN ('land-forest', 'neighbour', 'marriage-family', 'wages-labour', 'housing-property', 'traffic', 'contract-debt', 'medical', 'other'));
ALTER TABLE "cases" ADD CONSTRAINT "cases_source_check" CHECK ("source" IN ('grid-report', 'walk-in', 'police-transfer', 'hotline-12345', 'petition', 'court-referral'));
ALTER TABLE "cases" ADD CONSTRAINT "cases_outcome_check" CHECK ("outcome" IN ('resolved', 'referred-to-litigation', 'closed-unresolved', 'withdrawn', 'merged', 'terminated'));
ALTER TABLE "cases" ADD CONSTRAINT "cases_closed_level_check" CHECK ("closed_level" IN ('L1', 'L2', 'L3', 'L4'));
ALTER TABLE "cases" ADD CONSTRAINT "cases_current_level_check" CHECK ("current_level" IN ('L1', 'L2', 'L3', 'L4'));
ALTER TABLE "cases" ADD CONSTRAINT "cases_overdue_clock_check" CHECK ("overdue_clock" IN ('acceptance', 'first-session', 'mediation', 'decision'));
ALTER TABLE "level_visits" ADD CONSTRAINT "level_visits_level_check" CHECK ("level" IN ('L1', 'L2', 'L3', 'L4'));
ALTER TABLE "case_day_tallies" ADD CONSTRAINT "case_day_tallies_dispute_type_check" CHECK ("dispute_type" IN ('land-forest', 'neighbour', 'marriage-family', 'wages-labour', 'housing-property', 'traffic', 'contract-debt', 'medical', 'other'));
ALTER TABLE "case_day_tallies" ADD CONSTRAINT "case_day_tallies_level_check" CHECK ("level" IN ('', 'L1', 'L2', 'L3', 'L4'));
ALTER TABLE "deadline_misses" ADD CONSTRAINT "deadline_misses_level_check" CHECK ("level" IN ('L1', 'L2', 'L3', 'L4'));
ALTER TABLE "deadline_misses" ADD CONSTRAINT "deadline_misses_clock_check" CHECK ("clock" IN ('acceptance', 'first-session', 'mediation', 'decision'));
