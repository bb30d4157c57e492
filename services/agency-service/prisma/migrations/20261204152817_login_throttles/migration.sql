-- Login back-off per account and per client address replaces the per-username lock (issue 12). The old table kept
-- one row per username anyone sent; its counts are throttling state only, so they are dropped rather than moved.
DROP TABLE "login_attempts";

-- CreateTable
CREATE TABLE "login_throttles" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL,
    "last_attempt_at" TIMESTAMPTZ(3) NOT NULL,
    "forget_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "login_throttles_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "login_throttles_forget_at_idx" ON "login_throttles"("forget_at");
