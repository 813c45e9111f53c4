package dev.hygge.polish;

import java.time.OffsetDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * The strftime patterns a text load timestamp may use ({@code format: "%Y-%m-%d %H:%M:%S"}), as
 * Python wrote them for the original hygge, in the C locale: {@code %Y %y %m %d %j %H %I %M %S %f
 * %p %a %A %b %B %w %z %Z %F %T %%}.
 */
final class Strftime {
    private static final String KNOWN = "YymdjHIMSfpaAbBwzZFT%";

    private Strftime() {}

    /** Throws {@link IllegalArgumentException} naming a directive this does not know. */
    static void check(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            if (pattern.charAt(i) != '%') {
                continue;
            }
            if (i + 1 == pattern.length()) {
                throw new IllegalArgumentException("format '" + pattern + "' ends with a lone %; write %% for a percent sign");
            }
            char d = pattern.charAt(++i);
            if (KNOWN.indexOf(d) < 0) {
                throw new IllegalArgumentException("format '" + pattern + "' has %" + d + ", which is not a strftime directive"
                        + " this knows; use %Y %y %m %d %j %H %I %M %S %f %p %a %A %b %B %w %z %Z %F %T or %%");
            }
        }
    }

    /**
     * {@code time} written by {@code pattern}; {@code zoned} false writes {@code %z} and {@code %Z}
     * as nothing, as Python does for a datetime without a zone.
     */
    static String format(String pattern, OffsetDateTime time, boolean zoned) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%' || i + 1 == pattern.length()) {
                out.append(c);
                continue;
            }
            char d = pattern.charAt(++i);
            switch (d) {
                case 'Y' -> out.append(pad(time.getYear(), 4));
                case 'y' -> out.append(pad(Math.floorMod(time.getYear(), 100), 2));
                case 'm' -> out.append(pad(time.getMonthValue(), 2));
                case 'd' -> out.append(pad(time.getDayOfMonth(), 2));
                case 'j' -> out.append(pad(time.getDayOfYear(), 3));
                case 'H' -> out.append(pad(time.getHour(), 2));
                case 'I' -> out.append(pad(time.getHour() % 12 == 0 ? 12 : time.getHour() % 12, 2));
                case 'M' -> out.append(pad(time.getMinute(), 2));
                case 'S' -> out.append(pad(time.getSecond(), 2));
                case 'f' -> out.append(pad(time.getNano() / 1000, 6));
                case 'p' -> out.append(time.getHour() < 12 ? "AM" : "PM");
                case 'a' -> out.append(time.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case 'A' -> out.append(time.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case 'b' -> out.append(time.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case 'B' -> out.append(time.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case 'w' -> out.append(time.getDayOfWeek().getValue() % 7);
                case 'z' -> out.append(zoned ? offset(time, false) : "");
                case 'Z' -> out.append(zoned ? "UTC" : "");
                case 'F' -> out.append(format("%Y-%m-%d", time, zoned));
                case 'T' -> out.append(format("%H:%M:%S", time, zoned));
                case '%' -> out.append('%');
                default -> throw new IllegalArgumentException("%" + d + " is not a known strftime directive");
            }
        }
        return out.toString();
    }

    /** Python's {@code isoformat()}: microseconds only when not zero, {@code +00:00} when zoned. */
    static String isoformat(OffsetDateTime time, boolean zoned) {
        String text = format("%Y-%m-%dT%H:%M:%S", time, false);
        if (time.getNano() / 1000 != 0) {
            text += "." + pad(time.getNano() / 1000, 6);
        }
        return zoned ? text + offset(time, true) : text;
    }

    private static String offset(OffsetDateTime time, boolean colon) {
        int seconds = time.getOffset().getTotalSeconds();
        String sign = seconds < 0 ? "-" : "+";
        int abs = Math.abs(seconds);
        return sign + pad(abs / 3600, 2) + (colon ? ":" : "") + pad(abs / 60 % 60, 2);
    }

    private static String pad(int value, int width) {
        String text = Integer.toString(value);
        return text.length() >= width ? text : "0".repeat(width - text.length()) + text;
    }
}
