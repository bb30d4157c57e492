-- Vocabulary columns hold the contracts' words only (AGENCY_KINDS, STAFF_ROLES): a word the code does not know is
-- refused by the database, whichever code path writes it. A word added to the contracts needs a migration here too.
ALTER TABLE "agencies" ADD CONSTRAINT "agencies_kind_check" CHECK ("kind" IN ('mediation-committee', 'police-station', 'judicial-office', 'court', 'governance-centre', 'other-department'));
ALTER TABLE "staff" ADD CONSTRAINT "staff_roles_check" CHECK ("roles" <@ ARRAY['grid-worker', 'mediator', 'liaison', 'coordinator', 'administrator']::text[]);
