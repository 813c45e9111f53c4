package dev.hygge.mysql;

import static java.util.Objects.requireNonNull;

import dev.hygge.jdbc.BulkLoader;
import dev.hygge.jdbc.InsertLoader;
import dev.hygge.jdbc.TableName;
import dev.hygge.spi.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads Arrow streams into a MySQL table with {@code LOAD DATA LOCAL INFILE}, the rows encoded as
 * the driver reads them ({@link LoadDataStream}): no temporary file. Each stream of a write runs
 * its own statement on its own connection, so several load one staging table in parallel.
 *
 * <pre>{@code
 * LOAD DATA LOCAL INFILE 'hygge.tsv' INTO TABLE `shop`.`hygge_stage_…` CHARACTER SET utf8mb4
 *   FIELDS TERMINATED BY '\t' ESCAPED BY '\\' LINES TERMINATED BY '\n' (`id`, `name`, @h2) SET `photo` = UNHEX(@h2)
 * }</pre>
 *
 * <p>With {@code LOCAL} the server turns what would be errors (a value that does not fit, a bad
 * date) into warnings and loads on, so every load reads its warnings and fails on the first
 * ones: nothing is ever silently cut or zeroed. Where the server forbids local files
 * ({@code local_infile=OFF}) the rows are inserted in batches instead ({@link InsertLoader}), with
 * the reason logged once.
 */
final class MysqlLoader implements BulkLoader {
    private static final Logger LOG = LoggerFactory.getLogger(MysqlLoader.class);

    private final MysqlDialect dialect;
    private final String where;
    private final InsertLoader inserts;
    private volatile Boolean localInfile;

    /** @param insertRows rows per batch of the INSERT fallback */
    MysqlLoader(MysqlDialect dialect, String where, int insertRows) {
        this(dialect, where, insertRows, null);
    }

    /** @param localInfile whether the server allows LOAD DATA LOCAL; null to ask it (tests force the INSERT path) */
    MysqlLoader(MysqlDialect dialect, String where, int insertRows, Boolean localInfile) {
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.where = requireNonNull(where, "where is null");
        this.inserts = new InsertLoader(dialect, insertRows);
        this.localInfile = localInfile;
    }

    @Override
    public long load(Connection connection, TableName table, List<String> columns, ArrowReader batches) throws SQLException {
        if (!localInfile(connection)) {
            return inserts.load(connection, table, columns, batches);
        }
        List<Field> fields;
        try {
            fields = batches.getVectorSchemaRoot().getSchema().getFields();
        } catch (java.io.IOException e) {
            throw new SQLException("reading the stream's schema failed: " + e.getMessage(), e);
        }
        LoadDataStream stream = new LoadDataStream(batches);
        long loaded;
        try (Statement st = connection.createStatement()) {
            st.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(stream);
            loaded = st.executeLargeUpdate(statement(table, columns, fields, bitColumns(connection, table)));
            checkWarnings(st, table);
        } catch (SQLException e) {
            if (stream.failure() != null) {
                throw failure(stream);
            }
            throw e;
        }
        if (stream.failure() != null) {
            throw failure(stream);
        }
        if (loaded != stream.rows()) {
            throw new SQLException("LOAD DATA into " + table + " took " + loaded + " row(s) of the " + stream.rows()
                    + " sent (a row the server skipped); nothing of this write is kept");
        }
        return loaded;
    }

    private static RuntimeException failure(LoadDataStream stream) throws SQLException {
        Exception e = stream.failure();
        if (e instanceof RuntimeException r) {
            return r;
        }
        throw new SQLException("reading the rows failed: " + e.getMessage(), e);
    }

    /**
     * The statement, every name quoted: binary columns through a variable and {@code UNHEX}; numbers
     * into a {@code BIT} column ({@code bits}, names in lower case) through {@code CAST(… AS UNSIGNED)},
     * since LOAD DATA reads a BIT column's field as its bytes ("513" would be 0x353133).
     */
    String statement(TableName table, List<String> columns, List<Field> fields, Set<String> bits) {
        List<String> targets = new ArrayList<>();
        List<String> sets = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (i < fields.size() && TsvColumn.isBinary(fields.get(i).getType())) {
                targets.add("@h" + i);
                sets.add(dialect.quote(columns.get(i)) + " = UNHEX(@h" + i + ")");
            } else if (bits.contains(columns.get(i).toLowerCase(Locale.ROOT))) {
                targets.add("@b" + i);
                sets.add(dialect.quote(columns.get(i)) + " = CAST(@b" + i + " AS UNSIGNED)");
            } else {
                targets.add(dialect.quote(columns.get(i)));
            }
        }
        return "LOAD DATA LOCAL INFILE 'hygge.tsv' INTO TABLE " + dialect.qualify(table) + " CHARACTER SET utf8mb4"
                + " FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (" + String.join(", ", targets) + ")"
                + (sets.isEmpty() ? "" : " SET " + String.join(", ", sets));
    }

    /** The {@code BIT} columns of {@code table}, in lower case (MySQL's column names ignore case). */
    private static Set<String> bitColumns(Connection connection, TableName table) throws SQLException {
        Set<String> bits = new HashSet<>();
        try (PreparedStatement st = connection.prepareStatement("SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = COALESCE(?, DATABASE()) AND table_name = ? AND data_type = 'bit'")) {
            st.setString(1, table.schema());
            st.setString(2, table.table());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    bits.add(rs.getString(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        return bits;
    }

    /** Fails on the server's warnings: with LOCAL, a value that does not fit is a warning, not an error. */
    private void checkWarnings(Statement st, TableName table) throws SQLException {
        SQLWarning warning = st.getWarnings();
        if (warning == null) {
            return;
        }
        List<String> said = new ArrayList<>();
        for (SQLWarning w = warning; w != null && said.size() < 3; w = w.getNextWarning()) {
            said.add(w.getMessage());
        }
        throw new StoreException(where + ": the server took the rows into " + table + " with warnings, so values were"
                + " changed on the way (cut, rounded or zeroed); nothing of this write is kept. First warnings: " + said);
    }

    /** Whether the server allows LOAD DATA LOCAL; asked once, the answer logged when it does not. */
    private boolean localInfile(Connection connection) throws SQLException {
        Boolean known = localInfile;
        if (known == null) {
            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT @@GLOBAL.local_infile")) {
                known = rs.next() && rs.getInt(1) == 1;
            }
            if (!known) {
                LOG.warn("{}: the server has local_infile OFF, so rows are inserted in batches (several times slower than"
                        + " LOAD DATA LOCAL INFILE). SET GLOBAL local_infile = ON on the server for the fast path", where);
            }
            localInfile = known;
        }
        return known;
    }
}
