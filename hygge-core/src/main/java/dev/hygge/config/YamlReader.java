package dev.hygge.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a YAML file into {@link YamlNode}s that keep their file and line, replacing
 * {@code ${VAR}} and {@code ${VAR:-default}} from the environment as it goes.
 */
final class YamlReader {
    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}:]*)(?::-([^}]*))?}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Function<String, String> environment;
    private final Problems problems;
    /** Every value {@code ${VAR}} put into the project, with its variable: errors show the name, never the value. */
    private final Map<String, String> substituted = new LinkedHashMap<>();

    YamlReader(Function<String, String> environment, Problems problems) {
        this.environment = environment;
        this.problems = problems;
    }

    /**
     * Reads one file.
     *
     * @param file the file to open
     * @param shown the file's name in messages
     * @return the document's root, an empty map for an empty file, or null when it could not be
     *     read (the problem is recorded)
     */
    YamlNode read(Path file, Path shown) {
        try (JsonParser parser = FACTORY.createParser(file.toFile())) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return YamlNode.map(Map.of(), new Origin(shown, 1, 1));
            }
            return value(parser, shown, origin(shown, parser.currentTokenLocation()));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            problems.add(at != null ? origin(shown, at) : new Origin(shown, 0, 0),
                    "invalid YAML: " + describe(e) + "; fix the syntax here (quote values that hold { } : # or ${...})", e);
            return null;
        } catch (IOException e) {
            problems.add(new Origin(shown, 0, 0), "cannot read the file: " + e.getMessage(), e);
            return null;
        }
    }

    private YamlNode value(JsonParser parser, Path shown, Origin origin) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, YamlNode> entries = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    Origin keyOrigin = origin(shown, parser.currentTokenLocation());
                    parser.nextToken();
                    YamlNode child = value(parser, shown, keyOrigin);
                    if (entries.putIfAbsent(key, child) != null) {
                        problems.add(keyOrigin, "key '" + key + "' is given twice (first at line "
                                + entries.get(key).origin().line() + "); keep one");
                    }
                }
                return YamlNode.map(entries, origin);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(value(parser, shown, origin(shown, parser.currentTokenLocation())));
                }
                return YamlNode.list(items, origin);
            }
            case VALUE_STRING -> {
                List<String> variables = new ArrayList<>();
                String text = substitute(parser.getText(), origin, variables);
                return YamlNode.scalar(text, origin, variables);
            }
            case VALUE_NUMBER_INT -> {
                return YamlNode.scalar(parser.getNumberValue(), origin);
            }
            case VALUE_NUMBER_FLOAT -> {
                return YamlNode.scalar(parser.getDoubleValue(), origin);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return YamlNode.scalar(parser.getBooleanValue(), origin);
            }
            case VALUE_NULL -> {
                return YamlNode.scalar(null, origin);
            }
            default -> {
                return YamlNode.scalar(parser.getText(), origin);
            }
        }
    }

    /** Replaces {@code ${VAR}} and {@code ${VAR:-default}}; a missing variable without default is a problem. */
    private String substitute(String text, Origin origin, List<String> variables) {
        if (text.indexOf("${") < 0) {
            return text;
        }
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1).trim();
            String value;
            if (!NAME.matcher(name).matches()) {
                problems.add(origin, "'${" + name + "}' is not a valid environment variable reference; write ${NAME} or ${NAME:-default}");
                value = "";
            } else {
                value = environment.apply(name);
                if (value == null && m.group(2) != null) {
                    value = m.group(2);
                }
                if (value != null) {
                    // a default stands for the variable too: messages name ${NAME}, never what it gave
                    variables.add(name);
                    if (!value.isEmpty()) {
                        substituted.putIfAbsent(value, name);
                    }
                }
                if (value == null) {
                    problems.add(origin, "environment variable " + name + " is not set; set it, or give a default as ${"
                            + name + ":-default}");
                    value = "";
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The values {@code ${VAR}} put into the files read so far, each with its variable's name. */
    Map<String, String> substituted() {
        return substituted;
    }

    private static Origin origin(Path shown, JsonLocation location) {
        return new Origin(shown, Math.max(location.getLineNr(), 0), Math.max(location.getColumnNr(), 0));
    }

    private static String describe(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked && marked.getProblem() != null) {
                return (marked.getContext() != null ? marked.getContext() + ", " : "") + marked.getProblem();
            }
        }
        return firstLine(e.getOriginalMessage());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
