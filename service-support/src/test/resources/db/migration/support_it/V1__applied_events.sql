-- what the test application's event handler did, to count how often it ran
CREATE TABLE applied_registration (
    event_id uuid NOT NULL,
    user_id  uuid NOT NULL,
    username text NOT NULL
);
