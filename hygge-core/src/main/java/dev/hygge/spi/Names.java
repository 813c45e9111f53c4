package dev.hygge.spi;

import java.util.Optional;

/**
 * The rules a flow or entity name must follow, because Stores and Homes turn names into folder
 * names, file names and table names: a name that holds a separator, is {@code ..}, or carries a
 * control character would reach outside its destination or break a commit journal, and a name
 * with leading or trailing spaces would land, once trimmed by a database, where another name
 * already writes.
 *
 * <pre>{@code
 * Names.problem("orders");    // Optional.empty()
 * Names.problem("..");        // Optional["is '..', which names the folder above"]
 * Names.shown("a\tb");        // "a\\tb": a name as a message shows it
 * }</pre>
 */
public final class Names {
    private Names() {}

    /** Why {@code name} cannot be a flow or entity name (the reason only, without the name), or empty when it can. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("is empty");
        }
        if (name.equals(".") || name.equals("..")) {
            return Optional.of("is '" + name + "', which names " + (name.equals(".") ? "the folder itself" : "the folder above"));
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            return Optional.of((name.startsWith("/") || name.startsWith("\\") ? "is an absolute path" : "holds a path separator")
                    + " (" + (name.indexOf('/') >= 0 ? "/" : "\\") + ")");
        }
        if (name.length() >= 2 && name.charAt(1) == ':' && Character.isLetter(name.charAt(0))) {
            return Optional.of("starts with a drive letter (" + name.substring(0, 2) + "), an absolute path on Windows");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (isControl(c)) {
                return Optional.of("holds a control character (" + describe(c) + ")");
            }
        }
        if (isSpace(name.charAt(0)) || isSpace(name.charAt(name.length() - 1))) {
            return Optional.of("has " + (isSpace(name.charAt(0)) ? "leading" : "trailing") + " spaces");
        }
        return Optional.empty();
    }

    /** The name as messages show it: control characters written as {@code \t}, {@code \n}, {@code \u0000}. */
    public static String shown(String name) {
        if (name == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            out.append(isControl(c) ? escape(c) : String.valueOf(c));
        }
        return out.toString();
    }

    private static boolean isControl(char c) {
        int type = Character.getType(c);
        // format characters (zero-width spaces, bidi overrides) make two names that look alike differ
        return Character.isISOControl(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.FORMAT;
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static String describe(char c) {
        return switch (c) {
            case '\t' -> "a TAB, \\t";
            case '\n' -> "a newline, \\n";
            case '\r' -> "a carriage return, \\r";
            case '\0' -> "a NUL, \\0";
            default -> escape(c);
        };
    }

    private static String escape(char c) {
        return switch (c) {
            case '\t' -> "\\t";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\0' -> "\\0";
            default -> String.format("\\u%04X", (int) c);
        };
    }
}
