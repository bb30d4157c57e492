-- CreateTable
CREATE TABLE "console_sessions" (
    "id_hash" TEXT NOT NULL,
    "staff_id" TEXT NOT NULL,
    "agency_id" TEXT NOT NULL,
    "town_code" TEXT NOT NULL,
    "roles" TEXT[],
    "username" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "access_token" TEXT NOT NULL,
    "access_expires_at" TIMESTAMPTZ(3) NOT NULL,
    "refresh_token" TEXT NOT NULL,
    "refresh_expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "console_sessions_pkey" PRIMARY KEY ("id_hash")
);

-- CreateTable
CREATE TABLE "staff_preferences" (
    "staff_id" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "staff_preferences_pkey" PRIMARY KEY ("staff_id")
);

-- CreateIndex
CREATE INDEX "console_sessions_refresh_expires_at_idx" ON "console_sessions"("refresh_expires_at");
