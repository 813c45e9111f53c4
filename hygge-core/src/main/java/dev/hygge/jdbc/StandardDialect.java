package dev.hygge.jdbc;

import static java.util.Objects.requireNonNull;

import dev.hygge.schema.StandardTypeMapper;
import dev.hygge.schema.TypeMapper;

/**
 * A {@link SqlDialect} made of the interface's standard SQL defaults and a {@link TypeMapper}:
 * enough for PostgreSQL, and a base to extend.
 *
 * <pre>{@code
 * SqlDialect postgres = new StandardDialect("postgresql", new StandardTypeMapper());
 * }</pre>
 */
public class StandardDialect implements SqlDialect {
    private final String name;
    private final TypeMapper typeMapper;

    public StandardDialect(String name, TypeMapper typeMapper) {
        this.name = requireNonNull(name, "name is null");
        this.typeMapper = requireNonNull(typeMapper, "typeMapper is null");
    }

    /** PostgreSQL: standard SQL, {@link StandardTypeMapper}. */
    public static StandardDialect postgres() {
        return new StandardDialect("postgresql", new StandardTypeMapper());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public TypeMapper typeMapper() {
        return typeMapper;
    }
}
