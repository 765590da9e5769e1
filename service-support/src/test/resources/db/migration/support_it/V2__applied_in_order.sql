-- the order in which the test application's in-order handler applied its events
CREATE TABLE applied_in_order (
    seq      bigserial PRIMARY KEY,
    username text NOT NULL
);
