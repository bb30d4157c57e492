-- Rate-limit counts every replica of the service shares: one row per limited key (a SHA-256 digest of the address or
-- staff id, never the value) and fixed window. Old windows are deleted by the increments themselves.
CREATE TABLE "rate_limit_windows" (
    "key_digest" TEXT NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "hits" INTEGER NOT NULL,

    CONSTRAINT "rate_limit_windows_pkey" PRIMARY KEY ("key_digest","window_start")
);

CREATE INDEX "rate_limit_windows_window_start_idx" ON "rate_limit_windows"("window_start");
