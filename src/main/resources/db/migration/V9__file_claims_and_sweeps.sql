-- A partner file delivery (partner, name digest, checksum, last-modified time) is claimed here before it is read, so
-- that two hub instances polling one folder never both process it. A claim not finished within the claim timeout
-- is taken over: its instance crashed.
CREATE TABLE partner_file_claims (
    claim_key   VARCHAR(200) PRIMARY KEY,
    partner_id  VARCHAR(64)  NOT NULL,
    file_name   VARCHAR(255) NOT NULL,
    claimed_by  VARCHAR(100) NOT NULL,
    claimed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at TIMESTAMP WITH TIME ZONE,
    outcome     VARCHAR(16)
);

-- When the sweeper last re-drove the order: it takes the idle orders it swept least recently first, so that a
-- stranded order gets its turn however many orders wait legitimately (backordered, partially allocated).
ALTER TABLE orders ADD COLUMN swept_at TIMESTAMP WITH TIME ZONE;
