-- A repair being carried out holds a lease, so two requests (or two case-service replicas resuming a batch) never
-- carry out the same repair at once; a lease left by a crash runs out and the repair can be taken up again.

-- AlterTable
ALTER TABLE "admin_repairs" ADD COLUMN     "lease_until" TIMESTAMPTZ(3);
