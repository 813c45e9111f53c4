COPY (SELECT * FROM (VALUES (1, 'Ada', DATE '2024-01-31', 12.30::DECIMAL(10,2)), (2, 'Grace', DATE '2024-02-29', -0.05::DECIMAL(10,2)),
    (3, NULL, DATE '2024-03-01', 7.00::DECIMAL(10,2))) t("Order ID", "Customer Name", "Order Date", "Amount (EUR)"))
    TO '{dir}/data/orders.parquet' (FORMAT parquet);
