package dev.hygge.parquet;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hive partition folders ({@code key=value}) between a parquet Home's path and its files: each
 * file's values, and the columns' types over all files ({@code BIGINT} where every value is an
 * integer, else {@code VARCHAR}), which the Home hands DuckDB's {@code read_parquet}.
 */
final class HiveFolders {
    private HiveFolders() {
    }

    /** The hive columns' types over {@code files}, in their folders' order. */
    static Map<String, String> types(String path, List<Path> files) {
        Map<String, String> types = new LinkedHashMap<>();
        for (Path file : files) {
            of(path, file).forEach((key, value) -> types.merge(key, value.matches("-?\\d{1,18}") ? "BIGINT" : "VARCHAR",
                    (a, b) -> a.equals(b) ? a : "VARCHAR"));
        }
        return types;
    }

    /** The {@code key=value} folders between the path and {@code file}, in order. */
    static Map<String, String> of(String path, Path file) {
        Path base = Path.of(path).toAbsolutePath().normalize();
        while (base != null && base.toString().matches(".*[*?\\[{].*")) {
            base = base.getParent();
        }
        Path absolute = file.toAbsolutePath().normalize();
        Path relative = base != null && absolute.startsWith(base) ? base.relativize(absolute) : absolute;
        Map<String, String> folders = new LinkedHashMap<>();
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            String part = relative.getName(i).toString();
            int eq = part.indexOf('=');
            if (eq > 0) {
                folders.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return folders;
    }
}
