package dev.hygge.polish;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The column rules of {@code polish: columns:}, word for word as the original hygge applied them,
 * so a migrated project keeps its column names:
 * <ol>
 *   <li>{@code remove_special}: the words inside parentheses are kept and moved to the end,
 *       then parentheses (with what they hold) and every character but ASCII letters, digits,
 *       spaces, {@code _} and {@code -} are removed ({@code Effective-Date (UTC)} is
 *       {@code Effective-Date UTC});</li>
 *   <li>{@code remove_spaces}: spaces removed;</li>
 *   <li>{@code case}: the name split into words at spaces, {@code _}, {@code -}, a lower-case
 *       letter followed by a capital, and before the last capital of a run followed by a lower-case
 *       letter ({@code XMLParser} is {@code XML Parser}; {@code XMLHTTPRequest} is
 *       {@code XMLHTTP Request}), then joined in the case asked for; each word is capitalised with
 *       the rest lower case ({@code ID} becomes {@code Id}).</li>
 * </ol>
 * A name the rules would leave empty keeps its own name.
 */
final class ColumnNames {
    private static final Pattern PARENTHESES = Pattern.compile("\\(([^)]+)\\)");
    private static final Pattern SPECIAL = Pattern.compile("\\s*\\([^)]*\\)|[^a-zA-Z0-9\\s_-]", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern LOWER_UPPER = Pattern.compile("(?<=[a-z])([A-Z])");
    private static final Pattern ACRONYM_WORD = Pattern.compile("(?<=[A-Z])([A-Z][a-z])");

    private final boolean removeSpecial;
    private final boolean removeSpaces;
    private final ColumnCase columnCase;

    ColumnNames(boolean removeSpecial, boolean removeSpaces, ColumnCase columnCase) {
        this.removeSpecial = removeSpecial;
        this.removeSpaces = removeSpaces;
        this.columnCase = columnCase;
    }

    /** Whether any rule is on: otherwise every name is kept as it is. */
    boolean renames() {
        return removeSpecial || removeSpaces || columnCase != null;
    }

    /** The name {@code name} is given. */
    String apply(String name) {
        if (!renames()) {
            return name;
        }
        String result = name;
        if (removeSpecial) {
            List<String> inParentheses = new ArrayList<>();
            Matcher m = PARENTHESES.matcher(result);
            while (m.find()) {
                inParentheses.addAll(words(m.group(1)));
            }
            result = SPECIAL.matcher(result).replaceAll("").strip();
            if (!inParentheses.isEmpty()) {
                result = result + " " + String.join(" ", inParentheses);
            }
        }
        if (removeSpaces) {
            result = result.replace(" ", "");
        }
        if (columnCase != null) {
            result = cased(result);
        }
        return result.isEmpty() ? name : result;
    }

    private String cased(String name) {
        String base = name.replace('_', ' ').replace('-', ' ');
        base = LOWER_UPPER.matcher(base).replaceAll(" $1");
        base = ACRONYM_WORD.matcher(base).replaceAll(" $1");
        List<String> words = words(base);
        if (words.isEmpty()) {
            return name;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            switch (columnCase) {
                case PASCAL -> out.append(capitalized(word));
                case CAMEL -> out.append(i == 0 ? word.toLowerCase(Locale.ROOT) : capitalized(word));
                case SNAKE -> out.append(i == 0 ? "" : "_").append(word.toLowerCase(Locale.ROOT));
            }
        }
        return out.toString();
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String word : WHITESPACE.split(text.strip())) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    /** Python's {@code str.capitalize()}: the first letter upper case, the rest lower. */
    private static String capitalized(String word) {
        int first = word.codePointAt(0);
        int width = Character.charCount(first);
        return new StringBuilder().appendCodePoint(Character.toTitleCase(first))
                .append(word.substring(width).toLowerCase(Locale.ROOT)).toString();
    }

    /** A name as compared when a {@code from_columns} entry is not a column as written. */
    String key(String name) {
        return renames() ? apply(name) : name.replace(" ", "").replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
    }
}
