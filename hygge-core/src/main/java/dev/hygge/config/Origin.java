package dev.hygge.config;

import java.nio.file.Path;

/**
 * Where a setting came from: a file and a line (and column), for messages a user can act on.
 *
 * <pre>{@code
 * Origin origin = new Origin(Path.of("flows/crm/flow.yml"), 12, 5);
 * origin.toString();   // "flows/crm/flow.yml:12:5"
 * }</pre>
 *
 * @param file the file, as given (relative paths stay relative, so messages stay short)
 * @param line 1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 */
public record Origin(Path file, int line, int column) {
    @Override
    public String toString() {
        String name = file.toString();
        if (line <= 0) {
            return name;
        }
        return column > 0 ? name + ":" + line + ":" + column : name + ":" + line;
    }
}
