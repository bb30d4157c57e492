-- Known sources of the login back-off (README, "Logging in"): an address an account signed in from, so that strangers
-- failing at the account elsewhere cannot make its owner wait there. Only a keyed hash of (staff id, address) is
-- stored, with the last success; rows older than 30 days no longer count and are deleted.

-- CreateTable
CREATE TABLE "login_known_sources" (
    "key" TEXT NOT NULL,
    "last_success_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "login_known_sources_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "login_known_sources_last_success_at_idx" ON "login_known_sources"("last_success_at");
