COPY (SELECT * FROM (VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Edsger')) t(id, name)) TO '{dir}/data/users/users.parquet' (FORMAT parquet);
COPY (SELECT * FROM (VALUES (10, 1, 12.30::DECIMAL(10,2)), (11, 3, 7.00::DECIMAL(10,2))) t(id, user_id, amount))
    TO '{dir}/data/orders/orders.parquet' (FORMAT parquet);
