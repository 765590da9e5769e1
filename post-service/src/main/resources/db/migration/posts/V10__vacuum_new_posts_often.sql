-- Timelines read post ids off (author_id, id DESC) with index-only scans, which still visit the
-- heap for every row on a page that the visibility map does not mark all-visible yet: the newest
-- posts, exactly the ones a timeline reads. Autovacuum's default waits for new rows worth 20 % of
-- the table (millions on a large one) before it marks their pages; after ~10,000 new posts without
-- a vacuum a home-timeline page made ~300 heap fetches and took 2-4 ms instead of 0.6-1.1. A fixed
-- threshold keeps the newest pages marked whatever the table's size, and such a vacuum reads only
-- the pages changed since the last one.
ALTER TABLE post SET (autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 1000);
