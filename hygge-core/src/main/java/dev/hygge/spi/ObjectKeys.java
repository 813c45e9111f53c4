package dev.hygge.spi;

import java.util.regex.Pattern;

/**
 * Object keys as hygge takes them from config: relative to a location's root, {@code /}-separated,
 * and unable to reach outside it.
 *
 * <pre>{@code
 * ObjectKeys.check("orders/part-0.parquet");        // returns it
 * ObjectKeys.check("../other/x");                   // IllegalArgumentException naming the segment
 * ObjectKeys.matches("2024/*.parquet", "2024/a.parquet");   // true; "**" crosses segments
 * }</pre>
 *
 * @since 0.4
 */
public final class ObjectKeys {
    private ObjectKeys() {}

    /**
     * Returns the key when it is safe: not empty, no leading {@code /}, no {@code .} or {@code ..}
     * or empty segment, no backslash and no control character.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static String check(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("an object key must not be empty");
        }
        checkPrefix(key);
        if (key.endsWith("/")) {
            throw new IllegalArgumentException("object key '" + key + "' ends with '/': it names a folder, not an object");
        }
        return key;
    }

    /**
     * Returns the prefix when it is safe: empty (the root), or segments as in {@link #check}, with
     * or without a trailing {@code /}.
     */
    public static String checkPrefix(String prefix) {
        if (prefix.isEmpty()) {
            return prefix;
        }
        if (prefix.startsWith("/")) {
            throw new IllegalArgumentException("object key '" + prefix + "' starts with '/': keys are relative to the location");
        }
        String body = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        for (String segment : body.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("object key '" + prefix + "' has a segment '" + segment
                        + "': no empty, '.' or '..' segment may reach outside the location");
            }
        }
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (c == '\\' || Character.isISOControl(c)) {
                throw new IllegalArgumentException("object key '" + prefix.replaceAll("\\p{Cntrl}", "?")
                        + "' holds a backslash or a control character at " + i);
            }
        }
        return prefix;
    }

    /** Joins a prefix and a relative key with one {@code /}. */
    public static String join(String prefix, String key) {
        if (prefix.isEmpty()) {
            return key;
        }
        return prefix.endsWith("/") ? prefix + key : prefix + "/" + key;
    }

    /**
     * Whether a relative key matches a glob: {@code *} and {@code ?} within one segment,
     * {@code **} across segments, {@code [abc]} a character of the set, {@code {a,b}} either.
     */
    public static boolean matches(String glob, String key) {
        return regex(glob).matcher(key).matches();
    }

    static Pattern regex(String glob) {
        StringBuilder out = new StringBuilder();
        boolean inGroup = false;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                        boolean slash = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                        out.append(slash ? "(?:.*/)?" : ".*");
                        i += slash ? 2 : 1;
                    } else {
                        out.append("[^/]*");
                    }
                }
                case '?' -> out.append("[^/]");
                case '[' -> out.append('[');
                case ']' -> out.append(']');
                case '{' -> {
                    inGroup = true;
                    out.append("(?:");
                }
                case '}' -> {
                    inGroup = false;
                    out.append(')');
                }
                case ',' -> out.append(inGroup ? "|" : ",");
                case '\\' -> {
                    if (i + 1 < glob.length()) {
                        out.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                    }
                }
                default -> out.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(out.toString());
    }
}
