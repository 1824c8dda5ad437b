-- analytics_finance_months starts empty: every practice refreshed before it existed gets an all-months finance
-- mark, so its next (incremental) refresh rebuilds all its finance cells, the pre-summed months included.
INSERT INTO "analytics_dirty_months" ("practice_id", "rollup", "month")
SELECT "practice_id", 'finance', NULL FROM "analytics_refreshes";
