package dev.hygge.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** The closest valid word to a mistyped one (edit distance), for "did you mean" hints. */
final class Closest {
    private Closest() {}

    static Optional<String> to(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = word.toLowerCase(Locale.ROOT);
        for (String candidate : candidates) {
            int d = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        int allowed = Math.max(2, word.length() / 3);
        return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** Levenshtein distance, with a swap of neighbours counting as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** "unknown key 'x'; did you mean 'y'? (valid keys: a, b)" */
    static String unknownKey(String what, String key, Collection<String> valid) {
        StringBuilder sb = new StringBuilder("unknown key '").append(key).append("'");
        if (what != null) {
            sb.append(" in ").append(what);
        }
        Closest.to(key, valid).ifPresent(c -> sb.append("; did you mean '").append(c).append("'?"));
        sb.append(" (valid keys: ").append(String.join(", ", valid)).append(")");
        return sb.toString();
    }
}
