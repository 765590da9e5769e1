-- Trending read from maintained counts (issue 26, item 3). Aggregating hashtag_author_hour over a
-- window on every (anonymous) read cost seconds at a million rows. Now each window keeps, per tag,
-- its distinct authors and its posts, kept exact by a trigger on every change of
-- hashtag_author_hour; a read is a range of trending_count_rank (the first 20 entries).
--
-- A window covers the whole hours from `since` on (the 1h window at 10:20 counts from 9:00).
-- `since` moves on, an hour at a time, when trending_roll() is called (by every trending read
-- that finds a window behind): the counts of the hour that leaves are taken out then. A change of
-- an hour before a window's `since` does not touch that window.
CREATE TABLE trending_window (
    name   text        PRIMARY KEY,
    length interval    NOT NULL,
    since  timestamptz NOT NULL
);
INSERT INTO trending_window (name, length, since)
SELECT name, length, date_trunc('hour', now() - length, 'UTC')
FROM (VALUES ('1h', interval '1 hour'), ('24h', interval '24 hours'), ('7d', interval '7 days')) AS w (name, length);

-- A tag counts once per author in a window (authors); posts counts its posts there.
CREATE TABLE trending_count (
    window_name text    NOT NULL REFERENCES trending_window (name),
    tag         text    NOT NULL,
    authors     integer NOT NULL,
    posts       integer NOT NULL,
    PRIMARY KEY (window_name, tag)
);
CREATE INDEX trending_count_rank ON trending_count (window_name, authors DESC, posts DESC, tag);

-- One author's rows of one tag within a window: whether the author still counts for it.
CREATE INDEX hashtag_author_hour_author ON hashtag_author_hour (tag, author_id, hour);

INSERT INTO trending_count (window_name, tag, authors, posts)
SELECT w.name, h.tag, count(DISTINCT h.author_id), sum(h.posts)
FROM trending_window w JOIN hashtag_author_hour h ON h.hour >= w.since
WHERE h.posts > 0
GROUP BY w.name, h.tag;

-- Keeps trending_count exact: a row's posts changing by delta changes each window that holds its
-- hour by delta posts, and by one author when the author's posts of the tag in the window go from
-- 0 or to 0. One author's changes of one tag are counted one after another (the advisory lock), so
-- two transactions never both count the same author in or out. The windows are read FOR SHARE:
-- trending_roll() moves them only between such changes.
CREATE FUNCTION trending_count_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    row_tag    text;
    row_author uuid;
    row_hour   timestamptz;
    delta      integer;
    w          record;
    posts_now  bigint;
BEGIN
    IF TG_OP = 'DELETE' THEN
        row_tag := OLD.tag; row_author := OLD.author_id; row_hour := OLD.hour; delta := -OLD.posts;
    ELSIF TG_OP = 'INSERT' THEN
        row_tag := NEW.tag; row_author := NEW.author_id; row_hour := NEW.hour; delta := NEW.posts;
    ELSE
        IF (NEW.tag, NEW.author_id, NEW.hour) IS DISTINCT FROM (OLD.tag, OLD.author_id, OLD.hour) THEN
            RAISE EXCEPTION 'the key of a hashtag_author_hour row does not change';
        END IF;
        row_tag := NEW.tag; row_author := NEW.author_id; row_hour := NEW.hour; delta := NEW.posts - OLD.posts;
    END IF;
    IF delta = 0 THEN
        RETURN NULL;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtextextended(row_tag || '/' || row_author::text, 26));
    FOR w IN SELECT name, since FROM trending_window ORDER BY name FOR SHARE LOOP
        CONTINUE WHEN row_hour < w.since;
        SELECT coalesce(sum(posts), 0) INTO posts_now FROM hashtag_author_hour
        WHERE tag = row_tag AND author_id = row_author AND hour >= w.since;
        INSERT INTO trending_count AS c (window_name, tag, authors, posts)
        VALUES (w.name, row_tag, (posts_now > 0)::integer - (posts_now - delta > 0)::integer, delta)
        ON CONFLICT (window_name, tag) DO UPDATE
            SET authors = c.authors + EXCLUDED.authors, posts = c.posts + EXCLUDED.posts;
    END LOOP;
    RETURN NULL;
END $$;

CREATE TRIGGER trending_count_row AFTER INSERT OR UPDATE OR DELETE ON hashtag_author_hour
    FOR EACH ROW EXECUTE FUNCTION trending_count_row();

-- Moves every window that is behind `at` to its place, an hour at a time: the posts of the hour
-- that leaves are taken out, and each of its authors who has no later hour of the tag. Cheap when
-- nothing is behind (three rows read); an hour's rows when a window moves. Answers how many hours
-- moved. A window more than a week behind (the service was down) is counted again from its rows.
CREATE FUNCTION trending_roll(at timestamptz) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    w      record;
    target timestamptz;
    moved  integer := 0;
BEGIN
    FOR w IN SELECT name, length, since FROM trending_window ORDER BY name FOR UPDATE LOOP
        target := date_trunc('hour', at - w.length, 'UTC');
        CONTINUE WHEN w.since >= target;
        IF target - w.since > interval '8 days' THEN
            DELETE FROM trending_count WHERE window_name = w.name;
            INSERT INTO trending_count (window_name, tag, authors, posts)
            SELECT w.name, tag, count(DISTINCT author_id), sum(posts)
            FROM hashtag_author_hour WHERE hour >= target AND posts > 0
            GROUP BY tag;
            moved := moved + 1;
        ELSE
            WHILE w.since < target LOOP
                UPDATE trending_count c
                SET posts = c.posts - leaving.posts, authors = c.authors - leaving.authors
                FROM (
                    SELECT h.tag, sum(h.posts) AS posts,
                           count(*) FILTER (WHERE NOT EXISTS (
                               SELECT FROM hashtag_author_hour later
                               WHERE later.tag = h.tag AND later.author_id = h.author_id
                                 AND later.hour > h.hour AND later.posts > 0)) AS authors
                    FROM hashtag_author_hour h
                    WHERE h.hour = w.since AND h.posts > 0
                    GROUP BY h.tag) AS leaving
                WHERE c.window_name = w.name AND c.tag = leaving.tag;
                w.since := w.since + interval '1 hour';
                moved := moved + 1;
            END LOOP;
        END IF;
        UPDATE trending_window SET since = target WHERE name = w.name;
        DELETE FROM trending_count WHERE window_name = w.name AND authors <= 0 AND posts <= 0;
    END LOOP;
    RETURN moved;
END $$;
