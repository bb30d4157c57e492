-- The administrators' repair log and repair batches (issue 6).

-- CreateTable
CREATE TABLE "admin_repairs" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL,
    "outcome" TEXT,
    "problem" JSONB,
    "batch_id" UUID,
    "idempotency_key" TEXT,
    "request_hash" TEXT,
    "requested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "admin_repairs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "admin_repair_batches" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "repair" JSONB NOT NULL,
    "filters" JSONB NOT NULL,
    "status" TEXT NOT NULL,
    "idempotency_key" TEXT,
    "request_hash" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "admin_repair_batches_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "admin_repairs_case_id_requested_at_idx" ON "admin_repairs"("case_id", "requested_at");

-- CreateIndex
CREATE INDEX "admin_repairs_batch_id_requested_at_idx" ON "admin_repairs"("batch_id", "requested_at");

-- CreateIndex
CREATE UNIQUE INDEX "admin_repairs_actor_id_idempotency_key_key" ON "admin_repairs"("actor_id", "idempotency_key");

-- CreateIndex
CREATE INDEX "admin_repair_batches_status_created_at_idx" ON "admin_repair_batches"("status", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "admin_repair_batches_actor_id_idempotency_key_key" ON "admin_repair_batches"("actor_id", "idempotency_key");

-- AddForeignKey
ALTER TABLE "admin_repairs" ADD CONSTRAINT "admin_repairs_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "admin_repair_batches"("id") ON DELETE SET NULL ON UPDATE CASCADE;
