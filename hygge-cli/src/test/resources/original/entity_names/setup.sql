COPY (SELECT * FROM (VALUES (1, 'North'), (2, 'South')) t(id, region)) TO '{dir}/data/accounts/part-0.parquet' (FORMAT parquet);
COPY (SELECT * FROM (VALUES (10, 1), (11, 1), (12, 2)) t(id, account_id)) TO '{dir}/data/contacts/part-0.parquet' (FORMAT parquet);
