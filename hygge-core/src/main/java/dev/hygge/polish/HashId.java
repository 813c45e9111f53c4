package dev.hygge.polish;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A {@code hash_ids} rule: a column {@code name} holding, for every row, the digest of its
 * {@code fromColumns}' values written as text and joined by {@code |} (UTF-8), as the original
 * hygge computed it; {@code hex} gives lower-case hex text, else the digest's bytes. A row with a
 * NULL in any of the columns gets a NULL (the original's Polars {@code concat_str} gave NULL too).
 *
 * <pre>{@code
 * HashId.of("row_id", "Employee Number", "Effective Date");              // sha256, hex
 * new HashId("row_id", List.of("id"), HashAlgorithm.MD5, false, null);  // 16 bytes, binary
 * }</pre>
 *
 * @param name the column added (renamed by the column rules like any other)
 * @param fromColumns the Home's columns read, by their names before renaming
 * @param algorithm the digest
 * @param hex text ({@code Utf8}) when true, bytes ({@code Binary}) when false
 * @param where where the rule was written, for messages ({@code flow.yml:12:9}); null from code
 * @since 0.1
 */
public record HashId(String name, List<String> fromColumns, HashAlgorithm algorithm, boolean hex, String where) {
    public HashId {
        requireNonNull(name, "name is null");
        requireNonNull(algorithm, "algorithm is null");
        fromColumns = List.copyOf(requireNonNull(fromColumns, "fromColumns is null"));
    }

    /** A sha256 hex rule, as the original's defaults. */
    public static HashId of(String name, String... fromColumns) {
        return new HashId(name, List.of(fromColumns), HashAlgorithm.SHA256, true, null);
    }

    String described() {
        return (where != null ? where + ": " : "") + "hash_ids '" + name + "'";
    }
}
