COPY (SELECT * FROM (VALUES (1, 'Ada', TIMESTAMP '2024-01-01 10:00:00'), (2, 'Grace', TIMESTAMP '2024-01-02 10:00:00'),
    (3, 'Edsger', TIMESTAMP '2024-01-03 10:00:00')) t(id, name, updated_at)) TO '{dir}/data/users.parquet' (FORMAT parquet);
