package dev.hygge.mssql;

import dev.hygge.spi.Connection;
import dev.hygge.spi.ConnectionFactory;
import dev.hygge.spi.HyggeContext;
import dev.hygge.spi.OptionProblems;

/**
 * Opens named SQL Server connections (type {@code mssql}): one pool per name, shared by every
 * Home and Store of the run that names it.
 *
 * <pre>{@code
 * connections:
 *   warehouse: {type: mssql, server: sql.example.com, database: analytics, auth: azure_default, pool_size: 8}
 * }</pre>
 */
public final class MssqlConnectionFactory implements ConnectionFactory<MssqlConnectionOptions> {
    @Override
    public String type() {
        return "mssql";
    }

    @Override
    public Class<MssqlConnectionOptions> optionsType() {
        return MssqlConnectionOptions.class;
    }

    /** Every problem of the options, as {@link MssqlConnectionOptions#check} finds them; nothing is opened. */
    @Override
    public void validate(MssqlConnectionOptions options, OptionProblems problems) {
        options.check(problems);
    }

    @Override
    public Connection open(String name, MssqlConnectionOptions options, HyggeContext context) {
        return MssqlConnection.open(name, options);
    }

    /**
     * The original hygge's connection {@code timeout} (ODBC's login timeout, in seconds) is
     * {@code login_timeout}; its {@code trust_cert} is {@code trust_server_certificate}.
     */
    @Override
    public java.util.Map<String, String> originalKeys() {
        return java.util.Map.of("timeout", "login_timeout", "trust_cert", "trust_server_certificate");
    }

    /**
     * The original passed {@code encrypt} and {@code trust_cert} on to ODBC as written ({@code Yes},
     * {@code No}, and for encrypt also {@code Mandatory}, {@code Optional}, {@code Strict}): read as
     * the JDBC driver's {@code true}, {@code false} ({@code strict} is the same word in both).
     */
    @Override
    public java.util.Map<String, java.util.Map<String, Object>> originalValues() {
        return java.util.Map.of(
                "encrypt", java.util.Map.of("yes", "true", "no", "false", "mandatory", "true", "optional", "false"),
                "trust_server_certificate", java.util.Map.of("yes", true, "no", false));
    }

    /** The original's ODBC {@code driver}: the JDBC driver is bundled here. */
    @Override
    public java.util.Map<String, String> ignoredOriginalKeys() {
        return java.util.Map.of("driver", "(the original's ODBC driver name); the Microsoft JDBC driver is bundled");
    }
}
