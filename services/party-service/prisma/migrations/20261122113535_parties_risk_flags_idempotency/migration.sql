-- CreateTable
CREATE TABLE "parties" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "gender" TEXT,
    "id_number_ciphertext" BYTEA,
    "id_number_key_id" TEXT,
    "id_number_blind_index" TEXT,
    "credit_code" TEXT,
    "phone_ciphertext" BYTEA,
    "phone_key_id" TEXT,
    "contact_name" TEXT,
    "address_town_code" TEXT NOT NULL,
    "address_village_code" TEXT,
    "address_grid_code" TEXT,
    "address_detail" TEXT,
    "town_code" TEXT NOT NULL,
    "registering_agency_id" TEXT NOT NULL,
    "involved_agency_ids" TEXT[],
    "created_by" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "parties_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "risk_flags" (
    "id" UUID NOT NULL,
    "party_id" UUID NOT NULL,
    "category" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "set_by" TEXT NOT NULL,
    "set_by_agency_id" TEXT NOT NULL,
    "set_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cleared_by" TEXT,
    "cleared_at" TIMESTAMPTZ(3),
    "clear_reason" TEXT,

    CONSTRAINT "risk_flags_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idempotency_records" (
    "scope" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "resource_id" TEXT NOT NULL,
    "response_status" INTEGER,
    "response_body" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotency_records_pkey" PRIMARY KEY ("scope","key")
);

-- CreateIndex
CREATE UNIQUE INDEX "parties_id_number_blind_index_key" ON "parties"("id_number_blind_index");

-- CreateIndex
CREATE UNIQUE INDEX "parties_credit_code_key" ON "parties"("credit_code");

-- CreateIndex
CREATE INDEX "parties_town_code_created_at_id_idx" ON "parties"("town_code", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "parties_involved_agency_ids_idx" ON "parties" USING GIN ("involved_agency_ids");

-- CreateIndex
CREATE INDEX "risk_flags_party_id_set_at_idx" ON "risk_flags"("party_id", "set_at");

-- AddForeignKey
ALTER TABLE "risk_flags" ADD CONSTRAINT "risk_flags_party_id_fkey" FOREIGN KEY ("party_id") REFERENCES "parties"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
