COPY (SELECT * FROM (VALUES (1, 'Ada', 'ada@example.com', TIMESTAMP '2023-12-31 10:00:00'),
    (2, 'Grace', 'grace@example.com', TIMESTAMP '2024-02-01 10:00:00')) t(id, name, email, created_at))
    TO '{dir}/data/source/users/part-0.parquet' (FORMAT parquet);
