package dev.hygge.mysql;

import dev.hygge.jdbc.home.StatementSplit;
import java.util.List;

/**
 * One part of a MySQL Home's rows: the complete SELECT that reads it and the values bound to its
 * parameters (an incremental read's watermark), a plain serialisable description.
 *
 * <pre>{@code
 * new MysqlSplit("SELECT * FROM `shop`.`orders` WHERE `id` >= 0 AND `id` < 1000", "shop.orders [id 0..1000)", List.of());
 * }</pre>
 *
 * @param sql the statement
 * @param description for logs and errors
 * @param parameters bound in order
 */
public record MysqlSplit(String sql, String description, List<MysqlWatermark> parameters) implements StatementSplit {
    public MysqlSplit {
        parameters = List.copyOf(parameters);
    }

    @Override
    public String describe() {
        return description;
    }
}
