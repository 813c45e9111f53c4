COPY (SELECT * FROM (VALUES (1, 'North'), (2, 'South')) t("Id", "Sales Region")) TO '{dir}/data/source/accounts/part-0.parquet' (FORMAT parquet);
COPY (SELECT * FROM (VALUES (10, 1), (11, 1), (12, 2)) t("Id", "AccountID")) TO '{dir}/data/source/contacts/part-0.parquet' (FORMAT parquet);
