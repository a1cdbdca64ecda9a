-- Polling and the change feed: per-connection poll interval, resource snapshots, poll state and
-- billing events (a BIGSERIAL id is the feed's order and cursor).

-- AlterTable
ALTER TABLE "provider_connections" ADD COLUMN     "poll_interval_seconds" INTEGER;

-- CreateTable
CREATE TABLE "resource_snapshots" (
    "connection_id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "resource_type" TEXT NOT NULL,
    "resource_id" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "hash" TEXT NOT NULL,
    "observed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "resource_snapshots_pkey" PRIMARY KEY ("connection_id","resource_type","resource_id")
);

-- CreateTable
CREATE TABLE "connection_poll_states" (
    "connection_id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "observed_at" TIMESTAMPTZ(3),
    "attempted_at" TIMESTAMPTZ(3),
    "polled_types" TEXT[],
    "account_key" TEXT,
    "last_error" JSONB,
    "rate_limited_count" INTEGER NOT NULL DEFAULT 0,
    "backoff_until" TIMESTAMPTZ(3),

    CONSTRAINT "connection_poll_states_pkey" PRIMARY KEY ("connection_id")
);

-- CreateTable
CREATE TABLE "billing_events" (
    "id" BIGSERIAL NOT NULL,
    "tenant_id" UUID NOT NULL,
    "connection_id" UUID NOT NULL,
    "provider" "ProviderId" NOT NULL,
    "type" TEXT NOT NULL,
    "resource_type" TEXT NOT NULL,
    "resource_id" TEXT NOT NULL,
    "changes" JSONB,
    "data" JSONB NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "billing_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "billing_events_tenant_id_id_idx" ON "billing_events"("tenant_id", "id");

-- AddForeignKey
ALTER TABLE "resource_snapshots" ADD CONSTRAINT "resource_snapshots_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "provider_connections"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "connection_poll_states" ADD CONSTRAINT "connection_poll_states_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "provider_connections"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "billing_events" ADD CONSTRAINT "billing_events_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

