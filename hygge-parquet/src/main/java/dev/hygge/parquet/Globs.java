package dev.hygge.parquet;

/**
 * Glob characters in names: a Home that reads a path holding {@code * ? [ ] { }} as a glob (the
 * parquet Home) must get a real folder's name escaped, or {@code sales[2024]} would match
 * {@code sales2} and miss itself.
 *
 * <pre>{@code
 * Globs.escape("sales[2024]");   // "sales\\[2024\\]"
 * }</pre>
 */
final class Globs {
    private static final String SPECIAL = "*?[]{}\\";

    private Globs() {}

    static boolean has(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (SPECIAL.indexOf(name.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    static String escape(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (SPECIAL.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
