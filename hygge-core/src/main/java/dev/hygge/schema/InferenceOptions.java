package dev.hygge.schema;

import dev.hygge.spi.ConfigException;
import java.util.OptionalInt;

/**
 * How schema inference samples and sizes: the {@code schema_inference:} block of a table Store.
 *
 * <pre>{@code
 * schema_inference: {sample_rows: 500000, buffer_factor: 2.0, min_varchar: 50, max_varchar: 4000}
 * }</pre>
 *
 * <p>Strings are sized by one rule, {@link #varcharLength}: {@code ceil(max_len × buffer_factor)},
 * at least {@code min_varchar}; above {@code max_varchar} the dialect's unbounded type. So with the
 * defaults a longest value of 2,666 characters gives 3,999 and one of 2,667 gives unbounded.
 */
public class InferenceOptions {
    /** Rows sampled before the table is decided (the engine reads whole batches up to at least this). */
    public long sampleRows = 300_000;
    /** When set, only the first this many sampled batches are profiled. */
    public Integer sampleBatches;
    public double bufferFactor = 1.5;
    public int minVarchar = 50;
    public int maxVarchar = 4000;

    /**
     * Reports every bad value to {@code problems}, keys relative to the {@code schema_inference}
     * block (a Store passes {@code problems.under("schema_inference")}).
     */
    public void check(dev.hygge.spi.OptionProblems problems) {
        if (sampleRows < 0) {
            problems.add("sample_rows", "schema_inference.sample_rows must be 0 or more, not " + sampleRows);
        }
        if (sampleBatches != null && sampleBatches < 1) {
            problems.add("sample_batches", "schema_inference.sample_batches must be at least 1, not " + sampleBatches);
        }
        if (!(bufferFactor >= 1.0) || Double.isInfinite(bufferFactor)) {
            problems.add("buffer_factor", "schema_inference.buffer_factor must be 1.0 or more, not " + bufferFactor);
        }
        if (minVarchar < 1) {
            problems.add("min_varchar", "schema_inference.min_varchar must be at least 1, not " + minVarchar);
        }
        if (maxVarchar < minVarchar) {
            problems.add("max_varchar", "schema_inference.max_varchar (" + maxVarchar
                    + ") must be at least min_varchar (" + minVarchar + ")");
        }
    }

    /**
     * Checks the values; {@code where} names the store for the message.
     *
     * @throws ConfigException listing every bad value
     */
    public InferenceOptions validate(String where) {
        dev.hygge.spi.OptionProblems problems = new dev.hygge.spi.OptionProblems();
        check(problems);
        problems.throwIfAny(where);
        return this;
    }

    /**
     * The declared length for a column whose longest sampled value has {@code maxLength} characters
     * (or bytes): empty means the dialect's unbounded type.
     */
    public OptionalInt varcharLength(long maxLength) {
        double sized = Math.ceil(Math.max(0, maxLength) * bufferFactor);
        long size = Math.max(minVarchar, (long) sized);
        return size > maxVarchar ? OptionalInt.empty() : OptionalInt.of((int) size);
    }
}
