package dev.hygge.parquet;

import dev.hygge.spi.HomeException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What parquet footers say about the columns that DuckDB's Arrow export does not: which columns
 * are {@code REQUIRED}, their field ids, the parquet type of a column DuckDB widened (FLOAT16 read
 * as float, FIXED_LEN_BYTE_ARRAY read as variable-length binary), and the files' key/value
 * metadata. The Home puts them on the Arrow schema it hands out, so a parquet Store can write them
 * back and a table Store's inference makes a required column {@code NOT NULL}.
 *
 * <pre>{@code
 * ParquetFacts facts = ParquetFacts.read(duckdb, files);      // parquet_schema(), parquet_kv_metadata()
 * Schema told = facts.apply(exported, true);                  // nullable=false, PARQUET:field_id, ...
 * }</pre>
 *
 * <p>Over several files a fact holds only where every file says it: a column is required when it
 * is required in every file, a field id or widened type is kept when every file gives the same,
 * and a key/value pair when every file has it with the same value.
 */
final class ParquetFacts {
    private static final Logger LOG = LoggerFactory.getLogger(ParquetFacts.class);
    /** Arrow's field metadata key for a parquet field id (as Arrow C++ and pyarrow read and write it). */
    static final String FIELD_ID = "PARQUET:field_id";
    /** Field metadata: the parquet type of a column DuckDB's reader widened ({@code FLOAT16}, {@code FIXED_LEN_BYTE_ARRAY(16)}). */
    static final String PARQUET_TYPE = "PARQUET:type";
    /** No facts: the schema stays as DuckDB exports it. */
    static final ParquetFacts NONE = new ParquetFacts(List.of(), Map.of());

    private final List<Node> columns;
    private final Map<String, String> keyValues;

    /**
     * One element of a parquet schema, merged over the files.
     *
     * @param fieldId the field id, or null
     * @param widened the parquet type DuckDB widens on reading, or null
     * @param group {@code LIST}, {@code MAP} (or its legacy {@code MAP_KEY_VALUE}) for such groups, else null
     */
    record Node(String name, boolean required, boolean repeated, Integer fieldId, String widened, String group,
                List<Node> children) {
        Node merge(Node other) {
            boolean same = children.size() == other.children.size();
            List<Node> merged = new ArrayList<>();
            for (int i = 0; same && i < children.size(); i++) {
                same = children.get(i).name.equals(other.children.get(i).name);
                merged.add(children.get(i).merge(other.children.get(i)));
            }
            return new Node(name, required && other.required, repeated && other.repeated,
                    Objects.equals(fieldId, other.fieldId) ? fieldId : null,
                    Objects.equals(widened, other.widened) ? widened : null,
                    Objects.equals(group, other.group) ? group : null, same ? merged : List.of());
        }
    }

    private ParquetFacts(List<Node> columns, Map<String, String> keyValues) {
        this.columns = List.copyOf(columns);
        this.keyValues = Map.copyOf(keyValues);
    }

    /** The facts every one of {@code files} agrees on; read with one query per {@link RowGroups#FILES_PER_QUERY} files. */
    static ParquetFacts read(DuckDb duckdb, List<Path> files) {
        List<Node> merged = null;
        Map<String, String> agreed = null;
        for (int from = 0; from < files.size(); from += RowGroups.FILES_PER_QUERY) {
            List<Path> some = files.subList(from, Math.min(files.size(), from + RowGroups.FILES_PER_QUERY));
            String list = some.stream().map(p -> DuckDb.fileLiteral(p.toString())).collect(Collectors.joining(", ", "[", "]"));
            try (DuckDBConnection connection = duckdb.connect(); Statement statement = connection.createStatement()) {
                for (List<Node> file : schemas(statement, list)) {
                    merged = merged == null ? file : mergeColumns(merged, file);
                }
                for (Map<String, String> file : keyValues(statement, list, some.size())) {
                    agreed = agreed == null ? new LinkedHashMap<>(file) : agreed;
                    agreed.entrySet().removeIf(e -> !e.getValue().equals(file.get(e.getKey())));
                }
            } catch (SQLException e) {
                throw new HomeException("Parquet files " + some.get(0) + (some.size() > 1 ? " and " + (some.size() - 1) + " more" : "")
                        + ": cannot read their schema from the footer: " + e.getMessage(), e);
            }
        }
        return new ParquetFacts(merged == null ? List.of() : merged, agreed == null ? Map.of() : agreed);
    }

    /** Each file's top-level columns, from {@code parquet_schema()}'s rows (each file's schema in depth-first order). */
    private static List<List<Node>> schemas(Statement statement, String list) throws SQLException {
        Map<String, List<Row>> byFile = new LinkedHashMap<>();
        try (ResultSet r = statement.executeQuery("SELECT file_name, name, type, type_length, repetition_type, num_children,"
                + " converted_type, field_id, logical_type FROM parquet_schema(" + list + ")")) {
            while (r.next()) {
                byFile.computeIfAbsent(r.getString(1), f -> new ArrayList<>()).add(new Row(r.getString(2), r.getString(3),
                        number(r.getObject(4)), r.getString(5), number(r.getObject(6)), r.getString(7), number(r.getObject(8)),
                        r.getString(9)));
            }
        }
        List<List<Node>> schemas = new ArrayList<>();
        for (List<Row> rows : byFile.values()) {
            int[] next = {0};
            schemas.add(node(rows, next).children());
        }
        return schemas;
    }

    private record Row(String name, String type, Integer length, String repetition, Integer children, String converted,
                       Integer fieldId, String logical) {}

    private static Node node(List<Row> rows, int[] next) {
        Row row = rows.get(next[0]++);
        List<Node> children = new ArrayList<>();
        for (int i = 0; row.children != null && i < row.children && next[0] < rows.size(); i++) {
            children.add(node(rows, next));
        }
        String widened = null;
        if (row.logical != null && row.logical.startsWith("Float16")) {
            widened = "FLOAT16";
        } else if ("FIXED_LEN_BYTE_ARRAY".equals(row.type) && row.logical == null && row.converted == null) {
            widened = "FIXED_LEN_BYTE_ARRAY(" + row.length + ")";
        }
        String group = "LIST".equals(row.converted) || "MAP".equals(row.converted) || "MAP_KEY_VALUE".equals(row.converted)
                ? row.converted : null;
        return new Node(row.name, "REQUIRED".equals(row.repetition), "REPEATED".equals(row.repetition), row.fieldId,
                widened, group, children);
    }

    /** An integer column of {@code parquet_schema()} (DuckDB 1.4.4 and 1.5.6 give {@code type_length} as text). */
    private static Integer number(Object value) {
        if (value instanceof Number n) {
            return n.intValue();
        }
        return value == null || !value.toString().trim().matches("-?\\d{1,10}") ? null : Integer.valueOf(value.toString().trim());
    }

    /** Columns of two files merged by name; a column one file lacks keeps no facts. */
    private static List<Node> mergeColumns(List<Node> a, List<Node> b) {
        Map<String, Node> byName = new HashMap<>();
        b.forEach(n -> byName.putIfAbsent(n.name(), n));
        return a.stream().filter(n -> byName.containsKey(n.name())).map(n -> n.merge(byName.get(n.name()))).toList();
    }

    /** Each file's key/value metadata that is text (UTF-8); a file without any is an empty map. */
    private static List<Map<String, String>> keyValues(Statement statement, String list, int files) throws SQLException {
        Map<String, Map<String, String>> byFile = new LinkedHashMap<>();
        try (ResultSet r = statement.executeQuery("SELECT file_name, key, value FROM parquet_kv_metadata(" + list + ")")) {
            while (r.next()) {
                String key = text(r.getBytes(2));
                String value = text(r.getBytes(3));
                Map<String, String> file = byFile.computeIfAbsent(r.getString(1), f -> new LinkedHashMap<>());
                if (key != null && value != null) {
                    file.put(key, value);
                } else {
                    LOG.debug("{}: key/value metadata that is not UTF-8 text is not carried", r.getString(1));
                }
            }
        }
        List<Map<String, String>> all = new ArrayList<>(byFile.values());
        while (all.size() < files) {
            all.add(Map.of()); // a file with no key/value metadata holds no pair the others could agree on
        }
        return all;
    }

    private static String text(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * {@code exported} with the facts on it: required columns non-nullable, field ids and widened
     * types in field metadata; with {@code fileColumns} (every column of the files is read, none
     * added) the files' key/value metadata as the schema's metadata, which describes those columns.
     */
    Schema apply(Schema exported, boolean fileColumns) {
        Map<String, Node> byName = new HashMap<>();
        columns.forEach(n -> byName.putIfAbsent(n.name(), n));
        List<Field> fields = exported.getFields().stream().map(f -> apply(f, byName.get(f.getName()))).toList();
        Map<String, String> metadata = new LinkedHashMap<>();
        if (fileColumns) {
            metadata.putAll(keyValues);
        }
        if (exported.getCustomMetadata() != null) {
            metadata.putAll(exported.getCustomMetadata());
        }
        return new Schema(fields, metadata.isEmpty() ? null : metadata);
    }

    private static Field apply(Field field, Node node) {
        if (node == null) {
            return field;
        }
        Map<String, String> metadata = new LinkedHashMap<>(field.getMetadata());
        if (node.fieldId() != null) {
            metadata.put(FIELD_ID, node.fieldId().toString());
        }
        if (node.widened() != null && widens(node.widened(), field.getType())) {
            metadata.put(PARQUET_TYPE, node.widened());
        }
        FieldType type = field.getFieldType();
        return new Field(field.getName(), new FieldType(type.isNullable() && !node.required(), type.getType(), type.getDictionary(),
                metadata.isEmpty() ? null : metadata), children(field, node));
    }

    /** Whether DuckDB read the parquet type {@code widened} as {@code type} (the type table of the README). */
    private static boolean widens(String widened, ArrowType type) {
        return widened.equals("FLOAT16") ? type instanceof ArrowType.FloatingPoint
                : type instanceof ArrowType.Binary || type instanceof ArrowType.LargeBinary;
    }

    /** The Arrow children of {@code field} with the facts of the parquet elements they are read from. */
    private static List<Field> children(Field field, Node node) {
        List<Field> children = field.getChildren();
        if (children.isEmpty() || node.children().isEmpty()) {
            return children;
        }
        List<Node> elements;
        switch (field.getType().getTypeID()) {
            case Struct -> {
                Map<String, Node> byName = new HashMap<>();
                node.children().forEach(n -> byName.putIfAbsent(n.name(), n));
                return children.stream().map(c -> apply(c, byName.get(c.getName()))).toList();
            }
            case List, LargeList, FixedSizeList -> elements = node.children().size() == 1 ? List.of(listElement(node)) : List.of();
            case Map -> elements = node.children().size() == 1 ? List.of(node.children().get(0)) : List.of();
            default -> elements = List.of();
        }
        if (elements.size() != children.size()) {
            return children;
        }
        List<Field> out = new ArrayList<>(children.size());
        for (int i = 0; i < children.size(); i++) {
            Field child = children.get(i);
            Node element = elements.get(i);
            // a map's entries: an Arrow struct of key and value, read from the repeated key_value group
            out.add(field.getType().getTypeID() == ArrowType.ArrowTypeID.Map && element.children().size() == 2
                    && child.getChildren().size() == 2
                    ? new Field(child.getName(), child.getFieldType(), List.of(apply(child.getChildren().get(0), element.children().get(0)),
                    apply(child.getChildren().get(1), element.children().get(1))))
                    : apply(child, element));
        }
        return out;
    }

    /**
     * A LIST group's element: the repeated group's only child (three levels), or the repeated
     * field itself (two levels: a primitive, a group of several fields, or one named {@code array}
     * or {@code <list>_tuple}, as parquet's backward-compatibility rules say).
     */
    private static Node listElement(Node list) {
        Node repeated = list.children().get(0);
        if (repeated.children().size() == 1 && !repeated.name().equals("array") && !repeated.name().equals(list.name() + "_tuple")) {
            return repeated.children().get(0);
        }
        return new Node(repeated.name(), true, false, repeated.fieldId(), repeated.widened(), repeated.group(), repeated.children());
    }

    @Override
    public String toString() {
        return "ParquetFacts" + columns + keyValues.keySet();
    }
}
