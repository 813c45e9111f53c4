package dev.hygge.mssql;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.List;

/**
 * An H2 result set whose metadata says what mssql-jdbc says about SQL Server's own types (type
 * code, type name, precision, scale), while every value is H2's real one. So SQL Server's converter
 * set is tried on real values here, where no SQL Server runs; what the driver itself returns for
 * each getter is for {@code MssqlRoundTripIT} against a real server.
 *
 * <pre>{@code
 * ResultSet rs = SqlServerShapedResults.over(h2.executeQuery("SELECT CAST(200 AS SMALLINT)"),
 *         List.of(new SqlServerShapedResults.Declared(Types.TINYINT, "tinyint", 3, 0)));
 * }</pre>
 */
final class SqlServerShapedResults {
    /** What mssql-jdbc's {@code ResultSetMetaData} reports for one column. */
    record Declared(int jdbcType, String typeName, int precision, int scale) {}

    private SqlServerShapedResults() {}

    static ResultSet over(ResultSet h2, List<Declared> columns) throws java.sql.SQLException {
        ResultSetMetaData real = h2.getMetaData();
        ResultSetMetaData metadata = (ResultSetMetaData) Proxy.newProxyInstance(ResultSetMetaData.class.getClassLoader(),
                new Class<?>[] {ResultSetMetaData.class}, (proxy, method, args) -> {
                    Declared d = args != null && args.length == 1 && args[0] instanceof Integer i ? columns.get(i - 1) : null;
                    return switch (method.getName()) {
                        case "getColumnType" -> d.jdbcType();
                        case "getColumnTypeName" -> d.typeName();
                        case "getPrecision" -> d.precision();
                        case "getScale" -> d.scale();
                        default -> invoke(method, real, args);
                    };
                });
        return (ResultSet) Proxy.newProxyInstance(ResultSet.class.getClassLoader(), new Class<?>[] {ResultSet.class},
                (proxy, method, args) -> method.getName().equals("getMetaData") ? metadata : invoke(method, h2, args));
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
