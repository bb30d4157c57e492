-- Saved views of the administrators' stuck scan: named filters kept on the server, shared with roles or agencies.
-- Applied as gongzhi_case, which owns the table (as every table of this database), so no grant is needed.

-- CreateTable
CREATE TABLE "saved_views" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "name_key" TEXT NOT NULL,
    "owner_staff_id" TEXT NOT NULL,
    "filters" JSONB NOT NULL,
    "share_roles" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "share_agency_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_by" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "saved_views_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "saved_views_name_key_key" ON "saved_views"("name_key");

-- CreateIndex
CREATE INDEX "saved_views_owner_staff_id_idx" ON "saved_views"("owner_staff_id");
