package dev.hygge.config;

import dev.hygge.polish.ColumnCase;
import dev.hygge.polish.Constant;
import dev.hygge.polish.HashAlgorithm;
import dev.hygge.polish.HashId;
import dev.hygge.polish.LoadTimestamp;
import dev.hygge.polish.Polish;
import dev.hygge.spi.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a Store's {@code polish:} into a {@link Polish}, every mistake a problem at its file, line
 * and column: unknown keys (with the closest valid one), an unknown {@code case}, {@code algo},
 * {@code source} or {@code type}, a strftime {@code format} with an unknown directive, two added
 * columns of one name, a row marker Open Mirroring does not know. What needs the Home's columns
 * (a {@code from_columns} entry, names that collide once renamed) is checked when the flow plans
 * or runs, with the rule's file and line in the message.
 */
final class PolishReader {
    static final String KEY = "polish";

    private final Problems problems;

    PolishReader(Problems problems) {
        this.problems = problems;
    }

    /** {@code store} without its {@code polish:} key (what the Store's plugin is given). */
    static YamlNode withoutPolish(YamlNode store) {
        if (store == null || !store.isMap() || store.get(KEY) == null) {
            return store;
        }
        Map<String, YamlNode> entries = new LinkedHashMap<>(store.entries());
        entries.remove(KEY);
        return YamlNode.map(entries, store.origin());
    }

    /** The polish of {@code store}, if it has one and it reads without problems. */
    Optional<Polish> read(YamlNode store, String where) {
        YamlNode node = store != null && store.isMap() ? store.get(KEY) : null;
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        String what = "polish of the store of " + where;
        if (!node.isMap()) {
            problems.add(node.origin(), what + " is a map (columns, hash_ids, constants, timestamps, add_row_marker), not " + node.kind());
            return Optional.empty();
        }
        int before = problems.size();
        ShapeBinder.bind(node, Shapes.PolishShape.class, what, problems);
        Polish.Builder builder = Polish.builder();
        columns(node.get("columns"), what, builder);
        for (YamlNode item : list(node.get("hash_ids"), "hash_ids", what)) {
            hashId(item, what, builder);
        }
        for (YamlNode item : list(node.get("constants"), "constants", what)) {
            constant(item, what, builder);
        }
        for (YamlNode item : list(node.get("timestamps"), "timestamps", what)) {
            timestamp(item, what, builder);
        }
        rowMarker(node.get("add_row_marker"), what, builder);
        if (problems.size() > before) {
            return Optional.empty();
        }
        try {
            return Optional.of(builder.build());
        } catch (ConfigException e) {
            problems.add(node.origin(), what + ": " + e.getMessage().replaceFirst("^polish( has \\d+ problems)?: ?", ""));
            return Optional.empty();
        }
    }

    private void columns(YamlNode node, String what, Polish.Builder builder) {
        if (node == null || node.isNull()) {
            return;
        }
        if (!node.isMap()) {
            problems.add(node.origin(), what + ": columns is a map (remove_special, remove_spaces, case), not " + node.kind());
            return;
        }
        ShapeBinder.Bound<Shapes.PolishColumnsShape> bound = ShapeBinder.bind(node, Shapes.PolishColumnsShape.class,
                what + " columns", problems);
        boolean special = bool(bound, "remove_special", bound.shape().removeSpecial(), what);
        boolean spaces = bool(bound, "remove_spaces", bound.shape().removeSpaces(), what);
        ColumnCase columnCase = null;
        YamlNode caseNode = bound.at("case");
        if (caseNode != null && !caseNode.isNull()) {
            String text = caseNode.scalarValue() instanceof String s ? s : null;
            Optional<ColumnCase> known = text == null ? Optional.empty() : ColumnCase.of(text.trim());
            if (known.isEmpty()) {
                problems.add(caseNode.origin(), what + ": columns.case " + (text == null ? "must be text" : "'" + text + "' is not known")
                        + "; use pascal, camel or snake" + (text == null ? "" : Closest.to(text, List.of("pascal", "camel", "snake"))
                                .map(c -> " (did you mean '" + c + "'?)").orElse("")));
            } else {
                columnCase = known.get();
            }
        }
        builder.columns(special, spaces, columnCase);
    }

    private void hashId(YamlNode item, String what, Polish.Builder builder) {
        String rule = what + " hash_ids";
        if (!item.isMap()) {
            problems.add(item.origin(), rule + ": each is a map (name, from_columns, algo, hex), not " + item.kind());
            return;
        }
        ShapeBinder.Bound<Shapes.HashIdShape> bound = ShapeBinder.bind(item, Shapes.HashIdShape.class, rule, problems);
        Optional<String> name = name(bound, bound.shape().name(), rule);
        List<String> from = new ArrayList<>();
        YamlNode columns = item.get("from_columns");
        if (columns == null || columns.isNull()) {
            problems.add(item.origin(), rule + ": from_columns is missing; name the columns the hash reads: from_columns: [id, ...]");
        } else if (columns.isScalar()) {
            from.add(String.valueOf(columns.scalarValue()));
        } else if (columns.isList()) {
            for (YamlNode c : columns.items()) {
                if (c.isScalar() && c.scalarValue() != null) {
                    from.add(String.valueOf(c.scalarValue()));
                } else {
                    problems.add(c.origin(), rule + ": each of from_columns is a column name, not " + c.kind());
                }
            }
        } else {
            problems.add(columns.origin(), rule + ": from_columns is a list of column names, not " + columns.kind());
        }
        HashAlgorithm algorithm = HashAlgorithm.SHA256;
        YamlNode algo = bound.at("algo");
        if (algo != null && !algo.isNull()) {
            String text = String.valueOf(algo.scalarValue());
            Optional<HashAlgorithm> known = algo.isScalar() ? HashAlgorithm.of(text.trim()) : Optional.empty();
            if (known.isEmpty()) {
                problems.add(algo.origin(), rule + ": algo '" + text + "' is not known; use one of " + String.join(", ", HashAlgorithm.keys())
                        + Closest.to(text, HashAlgorithm.keys()).map(c -> " (did you mean '" + c + "'?)").orElse("")
                        + "; xxhash and blake2 are not offered");
            } else {
                algorithm = known.get();
            }
        }
        boolean hex = bound.shape().hex() == null || bool(bound, "hex", bound.shape().hex(), rule);
        if (bound.mistyped().contains("hex")) {
            hex = true;
        }
        if (name.isPresent()) {
            builder.hashId(new HashId(name.get(), from, algorithm, hex, item.origin().toString()));
        }
    }

    private void constant(YamlNode item, String what, Polish.Builder builder) {
        String rule = what + " constants";
        if (!item.isMap()) {
            problems.add(item.origin(), rule + ": each is a map (name, value), not " + item.kind());
            return;
        }
        ShapeBinder.Bound<Shapes.ConstantShape> bound = ShapeBinder.bind(item, Shapes.ConstantShape.class, rule, problems);
        Optional<String> name = name(bound, bound.shape().name(), rule);
        YamlNode value = item.get("value");
        if (value == null || value.isNull() || !value.isScalar()) {
            problems.add(value != null ? value.origin() : item.origin(), rule + ": value "
                    + (value == null || value.isNull() ? "is missing" : "must be a number, true/false or text, not " + value.kind())
                    + "; every row gets it (e.g. value: 4)");
            return;
        }
        name.ifPresent(n -> builder.constant(new Constant(n, value.scalarValue(), item.origin().toString())));
    }

    private void timestamp(YamlNode item, String what, Polish.Builder builder) {
        String rule = what + " timestamps";
        if (!item.isMap()) {
            problems.add(item.origin(), rule + ": each is a map (name, source, type, format), not " + item.kind());
            return;
        }
        ShapeBinder.Bound<Shapes.TimestampShape> bound = ShapeBinder.bind(item, Shapes.TimestampShape.class, rule, problems);
        Optional<String> name = name(bound, bound.shape().name(), rule);
        boolean local = choice(bound, "source", List.of("now_utc", "now_local"), rule).map("now_local"::equals).orElse(false);
        boolean text = choice(bound, "type", List.of("datetime", "string"), rule).map("string"::equals).orElse(false);
        Optional<String> format = Optional.ofNullable(bound.shape().format()).filter(f -> !f.isEmpty());
        YamlNode formatNode = bound.at("format");
        if (format.isPresent() && !text) {
            problems.add(formatNode.origin(), rule + ": format applies to type: string only; add type: string or remove format");
        }
        try {
            name.ifPresent(n -> builder.timestamp(new LoadTimestamp(n, local, text, format, item.origin().toString())));
        } catch (IllegalArgumentException e) {
            problems.add(formatNode != null ? formatNode.origin() : item.origin(), rule + ": " + e.getMessage());
        }
    }

    private void rowMarker(YamlNode node, String what, Polish.Builder builder) {
        if (node == null || node.isNull()) {
            return;
        }
        if (node.isScalar() && node.scalarValue() instanceof Boolean on) {
            if (on) {
                builder.rowMarker(4);
            }
            return;
        }
        if (!node.isMap()) {
            problems.add(node.origin(), what + ": add_row_marker is true/false or a map (enabled, value), not " + node.kind());
            return;
        }
        ShapeBinder.Bound<Shapes.RowMarkerShape> bound = ShapeBinder.bind(node, Shapes.RowMarkerShape.class,
                what + " add_row_marker", problems);
        boolean enabled = bool(bound, "enabled", bound.shape().enabled(), what);
        if (bound.mistyped().contains("value")) {
            problems.add(bound.at("value").origin(), what + ": add_row_marker.value is a whole number: 0 insert, 1 update, 2 delete, 4 upsert");
            return;
        }
        long value = bound.shape().value() != null ? bound.shape().value() : 4;
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE || !Polish.ROW_MARKERS.contains((int) value)) {
            problems.add(bound.at("value").origin(), what + ": add_row_marker.value " + value
                    + " is not one Open Mirroring knows; use 0 (insert), 1 (update), 2 (delete) or 4 (upsert)");
            return;
        }
        if (enabled) {
            builder.rowMarker((int) value);
        }
    }

    private List<YamlNode> list(YamlNode node, String key, String what) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isMap()) {
            return List.of(node);                  // one rule written without the list
        }
        if (!node.isList()) {
            problems.add(node.origin(), what + ": " + key + " is a list of maps, not " + node.kind());
            return List.of();
        }
        return node.items();
    }

    private Optional<String> name(ShapeBinder.Bound<?> bound, String name, String rule) {
        if (bound.mistyped().contains("name") || name == null || name.isBlank()) {
            problems.add(bound.at("name") != null ? bound.at("name").origin() : bound.node().origin(),
                    rule + ": name " + (name == null ? "is missing" : "is empty") + "; name the column it adds");
            return Optional.empty();
        }
        return Optional.of(name);
    }

    private Optional<String> choice(ShapeBinder.Bound<?> bound, String key, List<String> allowed, String rule) {
        YamlNode node = bound.at(key);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        String text = String.valueOf(node.scalarValue()).trim();
        if (!node.isScalar() || !allowed.contains(text)) {
            problems.add(node.origin(), rule + ": " + key + " '" + text + "' is not known; use " + String.join(" or ", allowed)
                    + Closest.to(text, allowed).map(c -> " (did you mean '" + c + "'?)").orElse(""));
            return Optional.empty();
        }
        return Optional.of(text);
    }

    private boolean bool(ShapeBinder.Bound<?> bound, String key, Boolean value, String what) {
        if (bound.mistyped().contains(key)) {
            problems.add(bound.at(key).origin(), what + ": " + key + " is true or false, not " + bound.at(key).kind());
            return false;
        }
        return value != null && value;
    }
}
