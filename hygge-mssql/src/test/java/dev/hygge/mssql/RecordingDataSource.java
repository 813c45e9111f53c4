package dev.hygge.mssql;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;

/**
 * A data source over a real one (H2) whose prepared statements record the SQL they were prepared
 * with and every parameter set on them, then do it on the real statement: the query runs and
 * returns the database's rows, and a test can tell what was bound, with which Java type and SQL type.
 * With no data source to delegate to ({@link #statement()}), a statement only records.
 */
final class RecordingDataSource {
    /** A statement prepared with {@code sql} and the {@code set*} calls made on it: method, index, value, further arguments. */
    record Prepared(String sql, List<List<Object>> parameters) {}

    private final List<Prepared> prepared = Collections.synchronizedList(new ArrayList<>());

    List<Prepared> prepared() {
        return List.copyOf(prepared);
    }

    DataSource over(DataSource real) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                forward(real, (method, args, result) -> method.getName().equals("getConnection") ? connection((Connection) result) : result));
    }

    /** A statement that records and does nothing else. */
    PreparedStatement statement() {
        Prepared record = new Prepared("(no sql)", Collections.synchronizedList(new ArrayList<>()));
        prepared.add(record);
        return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {PreparedStatement.class},
                (proxy, method, args) -> {
                    if (method.getName().startsWith("set") && args != null && args.length >= 2) {
                        record.parameters().add(new ArrayList<>(Arrays.asList(prepend(method.getName(), args))));
                    }
                    return null;
                });
    }

    private Connection connection(Connection real) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                forward(real, (method, args, result) -> {
                    if (method.getName().equals("prepareStatement")) {
                        Prepared record = new Prepared((String) args[0], Collections.synchronizedList(new ArrayList<>()));
                        prepared.add(record);
                        return statement((PreparedStatement) result, record);
                    }
                    return result;
                }));
    }

    private PreparedStatement statement(PreparedStatement real, Prepared record) {
        return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {PreparedStatement.class},
                forward(real, (method, args, result) -> {
                    if (method.getName().startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer) {
                        record.parameters().add(new ArrayList<>(Arrays.asList(prepend(method.getName(), args))));
                    }
                    return result;
                }));
    }

    private static Object[] prepend(String name, Object[] args) {
        Object[] all = new Object[args.length + 1];
        all[0] = name;
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }

    private interface After {
        Object apply(Method method, Object[] args, Object result) throws Exception;
    }

    private static InvocationHandler forward(Object real, After after) {
        return (proxy, method, args) -> {
            try {
                return after.apply(method, args, method.invoke(real, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
    }
}
