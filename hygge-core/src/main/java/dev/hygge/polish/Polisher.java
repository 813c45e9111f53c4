package dev.hygge.polish;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Polishes batches of one stream ({@link PolishPlan#newPolisher()}): the Home's columns move into
 * the new batch with their new names (their buffers transferred, nothing copied), hash ids are
 * computed row by row from the values' bytes with one digest and one buffer reused for every row,
 * constants and timestamps are vectors filled with their value. Not thread-safe: one per stream.
 *
 * <pre>{@code
 * Polisher polisher = polish.plan(schema, Instant.now(), runId).newPolisher();
 * try (VectorSchemaRoot polished = polisher.apply(batch, allocator)) { ... }   // batch is closed
 * }</pre>
 *
 * @since 0.1
 */
public final class Polisher {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final PolishPlan plan;
    private final MessageDigest[] digests;
    private final TextBuffer text = new TextBuffer();
    private byte[] digest = new byte[64];
    private byte[] hex = new byte[128];

    Polisher(PolishPlan plan) {
        this.plan = plan;
        List<PolishPlan.Output> outputs = plan.outputs();
        this.digests = new MessageDigest[outputs.size()];
        for (int i = 0; i < outputs.size(); i++) {
            if (outputs.get(i) instanceof PolishPlan.Hashed h) {
                digests[i] = h.rule().algorithm().newDigest();
            }
        }
    }

    /** The plan this polisher applies. */
    public PolishPlan plan() {
        return plan;
    }

    /**
     * The polished batch, owned by the caller and allocated from {@code allocator}; {@code batch}
     * (of the plan's source schema) is emptied and closed.
     */
    public VectorSchemaRoot apply(VectorSchemaRoot batch, BufferAllocator allocator) {
        int rows = batch.getRowCount();
        List<PolishPlan.Output> outputs = plan.outputs();
        List<FieldVector> vectors = new ArrayList<>(outputs.size());
        try (batch) {
            // the hashes first: they read the Home's vectors before those move
            FieldVector[] made = new FieldVector[outputs.size()];
            for (int i = 0; i < outputs.size(); i++) {
                PolishPlan.Output o = outputs.get(i);
                if (o instanceof PolishPlan.Hashed h) {
                    made[i] = hash(h, digests[i], batch, rows, allocator);
                } else if (o instanceof PolishPlan.Filled f) {
                    made[i] = fill(f, rows, allocator);
                }
            }
            for (int i = 0; i < outputs.size(); i++) {
                if (outputs.get(i) instanceof PolishPlan.Renamed r) {
                    FieldVector from = batch.getVector(r.index());
                    TransferPair pair = from.getTransferPair(r.field(), allocator);
                    pair.transfer();
                    made[i] = (FieldVector) pair.getTo();
                }
                vectors.add(made[i]);
            }
        } catch (RuntimeException | Error e) {
            vectors.forEach(v -> {
                if (v != null) {
                    v.close();
                }
            });
            throw e;
        }
        return new VectorSchemaRoot(plan.schema().getFields(), vectors, rows);
    }

    private FieldVector hash(PolishPlan.Hashed h, MessageDigest md, VectorSchemaRoot batch, int rows, BufferAllocator allocator) {
        ValueText[] columns = new ValueText[h.from().length];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = ValueText.of(batch.getVector(h.from()[c]));
        }
        int size = h.rule().algorithm().bytes();
        boolean asHex = h.rule().hex();
        FieldVector out = h.field().createVector(allocator);
        try {
            if (asHex) {
                ((VarCharVector) out).allocateNew((long) rows * size * 2, rows);
            } else {
                ((VarBinaryVector) out).allocateNew((long) rows * size, rows);
            }
            for (int row = 0; row < rows; row++) {
                if (anyNull(columns, row)) {
                    continue;                       // a NULL in any column: a NULL hash, as the original's
                }
                text.clear();
                for (int c = 0; c < columns.length; c++) {
                    if (c > 0) {
                        text.add((byte) '|');
                    }
                    columns[c].write(row, text);
                }
                md.update(text.bytes(), 0, text.length());
                digest(md, size);
                if (asHex) {
                    for (int b = 0; b < size; b++) {
                        hex[2 * b] = HEX[(digest[b] >> 4) & 0xF];
                        hex[2 * b + 1] = HEX[digest[b] & 0xF];
                    }
                    ((VarCharVector) out).setSafe(row, hex, 0, size * 2);
                } else {
                    ((VarBinaryVector) out).setSafe(row, digest, 0, size);
                }
            }
            out.setValueCount(rows);
            return out;
        } catch (RuntimeException | Error e) {
            out.close();
            throw e;
        }
    }

    private static boolean anyNull(ValueText[] columns, int row) {
        for (ValueText column : columns) {
            if (column.isNull(row)) {
                return true;
            }
        }
        return false;
    }

    private void digest(MessageDigest md, int size) {
        try {
            md.digest(digest, 0, size);
        } catch (DigestException e) {
            throw new IllegalStateException("a " + md.getAlgorithm() + " digest did not fit " + size + " bytes", e);
        }
    }

    private static FieldVector fill(PolishPlan.Filled f, int rows, BufferAllocator allocator) {
        FieldVector out = f.field().createVector(allocator);
        try {
            Object value = f.value();
            if (out instanceof IntVector v) {
                v.allocateNew(rows);
                int x = (Integer) value;
                for (int i = 0; i < rows; i++) {
                    v.set(i, x);
                }
            } else if (out instanceof BigIntVector v) {
                v.allocateNew(rows);
                long x = (Long) value;
                for (int i = 0; i < rows; i++) {
                    v.set(i, x);
                }
            } else if (out instanceof Float8Vector v) {
                v.allocateNew(rows);
                double x = (Double) value;
                for (int i = 0; i < rows; i++) {
                    v.set(i, x);
                }
            } else if (out instanceof BitVector v) {
                v.allocateNew(rows);
                int x = (Boolean) value ? 1 : 0;
                for (int i = 0; i < rows; i++) {
                    v.set(i, x);
                }
            } else if (out instanceof TimeStampVector v) {
                v.allocateNew(rows);
                long x = (Long) value;
                for (int i = 0; i < rows; i++) {
                    v.set(i, x);
                }
            } else if (out instanceof VarCharVector v) {
                byte[] bytes = ((String) value).getBytes(StandardCharsets.UTF_8);
                v.allocateNew((long) rows * bytes.length, rows);
                for (int i = 0; i < rows; i++) {
                    v.set(i, bytes);
                }
            } else {
                throw new IllegalStateException("no filler for " + f.field());
            }
            out.setValueCount(rows);
            return out;
        } catch (RuntimeException | Error e) {
            out.close();
            throw e;
        }
    }
}
