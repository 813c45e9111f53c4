package dev.hygge.parquet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The options of DuckDB's parquet {@code COPY} that write back what an Arrow schema says about its
 * parquet origin ({@link ParquetFacts}): {@code FIELD_IDS} from the fields' {@code PARQUET:field_id}
 * metadata, at every level, and {@code KV_METADATA} from the schema's metadata.
 *
 * <pre>{@code
 * "COPY ... TO 'f.parquet' (FORMAT parquet" + CopyFacts.options(schema, partitionBy) + ")"
 * // , FIELD_IDS {'id': 1, 'point': {'__duckdb_field_id': 5, 'x': 6}}, KV_METADATA {'pandas': '{...}'}
 * }</pre>
 *
 * <p>What DuckDB's writer (1.4.4 and 1.5.6) cannot write is not asked of it: every column is written
 * {@code OPTIONAL} (a {@code NOT NULL} column of a table too, checked with {@code parquet_schema()}),
 * and it has no FLOAT16 nor plain FIXED_LEN_BYTE_ARRAY; the README's type table says so.
 */
final class CopyFacts {
    private static final String OWN_ID = "__duckdb_field_id";

    private CopyFacts() {}

    /**
     * {@code ", FIELD_IDS {...}, KV_METADATA {...}"}, each only when there is something to write;
     * partition columns, which are not written into the files, get no field id.
     */
    static String options(Schema schema, List<String> partitionBy) {
        StringBuilder sql = new StringBuilder();
        List<String> ids = new ArrayList<>();
        for (Field field : schema.getFields()) {
            if (!partitionBy.contains(field.getName())) {
                String id = fieldIds(field);
                if (id != null) {
                    ids.add(DuckDb.literal(field.getName()) + ": " + id);
                }
            }
        }
        if (!ids.isEmpty()) {
            sql.append(", FIELD_IDS {").append(String.join(", ", ids)).append('}');
        }
        Map<String, String> metadata = schema.getCustomMetadata();
        if (metadata != null && !metadata.isEmpty()) {
            sql.append(", KV_METADATA ").append(metadata.entrySet().stream()
                    .map(e -> DuckDb.literal(e.getKey()) + ": " + DuckDb.literal(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}")));
        }
        return sql.toString();
    }

    /** The field's id, or a struct literal of its own id and its children's (DuckDB's names: {@code element}, {@code key}, {@code value}); null when none has one. */
    private static String fieldIds(Field field) {
        String own = fieldId(field);
        List<String> children = new ArrayList<>();
        List<Field> parts = field.getChildren();
        switch (field.getType().getTypeID()) {
            case Struct -> parts.forEach(c -> add(children, c.getName(), c));
            case List, LargeList, FixedSizeList -> {
                if (parts.size() == 1) {
                    add(children, "element", parts.get(0));
                }
            }
            case Map -> {
                if (parts.size() == 1 && parts.get(0).getChildren().size() == 2) {
                    add(children, "key", parts.get(0).getChildren().get(0));
                    add(children, "value", parts.get(0).getChildren().get(1));
                }
            }
            default -> { }
        }
        if (children.isEmpty()) {
            return own;
        }
        if (own != null) {
            children.add(0, DuckDb.literal(OWN_ID) + ": " + own);
        }
        return "{" + String.join(", ", children) + "}";
    }

    private static void add(List<String> entries, String name, Field child) {
        String ids = fieldIds(child);
        if (ids != null) {
            entries.add(DuckDb.literal(name) + ": " + ids);
        }
    }

    /** The field's {@code PARQUET:field_id} when it is an integer, else null (a foreign writer's bad metadata is not DuckDB's error). */
    private static String fieldId(Field field) {
        String id = field.getMetadata().get(ParquetFacts.FIELD_ID);
        if (id == null || !id.trim().matches("-?\\d{1,10}")) {
            return null;
        }
        try {
            return Integer.toString(Integer.parseInt(id.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
