-- Control numbers of outbound X12 per partner and kind (ISA13, GS06, ST02): unique and kept across restarts.
CREATE TABLE edi_control_numbers (
    partner_id VARCHAR(64) NOT NULL,
    kind       VARCHAR(10) NOT NULL,
    last_value BIGINT      NOT NULL,
    PRIMARY KEY (partner_id, kind)
);
