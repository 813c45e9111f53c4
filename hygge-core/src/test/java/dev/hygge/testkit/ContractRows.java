package dev.hygge.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The rows {@link TableStoreContract} writes, each a function of its id so a test can say what the
 * table must hold after a write: {@code id BIGINT NOT NULL}, {@code name VARCHAR} ({@code tag-id}),
 * then each extra column named {@code c} holding {@code c-id}. {@link #text} widens a
 * {@code text} column instead, for overflow.
 *
 * <pre>{@code
 * TestBatches.Generator old = ContractRows.of("old", 40, "legacy");   // ids 40.., name old-40, legacy legacy-40
 * }</pre>
 */
public final class ContractRows implements TestBatches.Generator {
    private final String tag;
    private final long firstId;
    private final List<String> extra;
    private final LongUnaryOperator textWidth;
    private final Schema schema;

    private ContractRows(String tag, long firstId, List<String> extra, LongUnaryOperator textWidth) {
        this.tag = tag;
        this.firstId = firstId;
        this.extra = extra;
        this.textWidth = textWidth;
        List<Field> fields = new ArrayList<>();
        fields.add(TestBatches.notNull("id", new ArrowType.Int(64, true)));
        fields.add(TestBatches.nullable(textWidth == null ? "name" : "text", ArrowType.Utf8.INSTANCE));
        extra.forEach(c -> fields.add(TestBatches.nullable(c, ArrowType.Utf8.INSTANCE)));
        this.schema = new Schema(fields);
    }

    /** Rows whose ids start at {@code firstId}, named {@code tag-id}, with these extra text columns. */
    public static ContractRows of(String tag, long firstId, String... extra) {
        return new ContractRows(tag, firstId, List.of(extra), null);
    }

    /**
     * Rows {@code (id, text)} whose text at row {@code r} is {@code width(r)} characters of
     * {@code é} (two bytes each in UTF-8: a Store must count characters, not bytes).
     */
    public static ContractRows text(LongUnaryOperator width) {
        return new ContractRows(null, 0, List.of(), width);
    }

    /** The value of column {@code name} (or {@code text}) at id {@code id}. */
    public String name(long id) {
        return textWidth == null ? tag + "-" + id : "é".repeat((int) textWidth.applyAsLong(id - firstId));
    }

    /** The value of the extra column {@code column} at id {@code id}. */
    public static String extra(String column, long id) {
        return column + "-" + id;
    }

    /** The row a Store must hold for id {@code id}: id, name or text, then each extra column. */
    public List<Object> row(long id) {
        List<Object> row = new ArrayList<>();
        row.add(id);
        row.add(name(id));
        extra.forEach(c -> row.add(extra(c, id)));
        return row;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public void fill(VectorSchemaRoot root, long start, int rows) {
        root.allocateNew();
        BigIntVector id = (BigIntVector) root.getVector(0);
        VarCharVector name = (VarCharVector) root.getVector(1);
        for (int r = 0; r < rows; r++) {
            long i = firstId + start + r;
            id.setSafe(r, i);
            name.setSafe(r, name(i).getBytes(StandardCharsets.UTF_8));
            for (int c = 0; c < extra.size(); c++) {
                ((VarCharVector) root.getVector(2 + c)).setSafe(r, extra(extra.get(c), i).getBytes(StandardCharsets.UTF_8));
            }
        }
        root.setRowCount(rows);
    }
}
