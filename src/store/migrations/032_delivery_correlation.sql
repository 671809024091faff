-- The correlation id of the request that dispatched the report, so every delivery attempt of
-- its packets logs under the same id as the API call (one grep follows a report end to end).
ALTER TABLE delivery_packets ADD COLUMN correlation_id text;
