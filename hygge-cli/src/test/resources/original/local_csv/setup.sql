COPY (SELECT * FROM (VALUES (1, 'Ada; Countess', 9.50, TIMESTAMP '2024-01-01 10:00:00.123456'), (2, 'Grace "Amazing"', 8.25, NULL),
    (3, '', NULL, TIMESTAMP '2024-01-03 10:00:00')) t(id, name, score, updated_at)) TO '{dir}/data/users.parquet' (FORMAT parquet);
COPY (SELECT * FROM (VALUES (1, 'login'), (2, 'logout')) t(id, kind)) TO '{dir}/data/events.ndjson' (FORMAT json);
