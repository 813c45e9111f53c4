package dev.hygge.testkit;

import dev.hygge.spi.Split;

/** Rows {@code [start, end)} of a generated Home. */
public record RangeSplit(long start, long end) implements Split {
    @Override
    public String describe() {
        return "rows " + start + ".." + end;
    }
}
