COPY (SELECT * FROM (VALUES (1, 'North'), (2, 'South')) t(id, region)) TO '{dir}/data/accounts.parquet' (FORMAT parquet);
COPY (SELECT * FROM (VALUES (10, 1), (11, 1), (12, 2)) t(id, account_id)) TO '{dir}/data/contacts.parquet' (FORMAT parquet);
