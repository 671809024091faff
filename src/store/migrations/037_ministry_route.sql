-- Ministry pushes (declarative connectors, direction push) are outbound packets like every other:
-- the outbox, the delivery engine's retries, breakers and message log, on their own route.
ALTER TABLE delivery_packets DROP CONSTRAINT delivery_packets_route_check;
ALTER TABLE delivery_packets ADD CONSTRAINT delivery_packets_route_check CHECK (route IN ('national', 'archive', 'ministry'));
ALTER TABLE delivery_packets DROP CONSTRAINT delivery_packets_subject_kind_check;
ALTER TABLE delivery_packets
  ADD CONSTRAINT delivery_packets_subject_kind_check CHECK (subject_kind IN ('report', 'status', 'catalog', 'kpi', 'ministry'));
