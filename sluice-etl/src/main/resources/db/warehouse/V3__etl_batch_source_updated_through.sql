-- The freshness SLO ("a change in the source is visible in the warehouse within 30 minutes"): per applied batch, the
-- newest source last_updated it carried (the source's timestamps are UTC wall-clock, stored here as timestamptz).
-- NULL for batches whose processed manifest predates the field.
ALTER TABLE etl_batch ADD COLUMN source_updated_through timestamptz;
