package dev.hygge.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Deprecation notes of a project being loaded, each kept once. They are handed back with the
 * project ({@link Project#notes}) for whoever shows it to print once; logging them here too
 * printed every note twice on the command line.
 */
final class Notes {
    private final List<String> list = new ArrayList<>();

    void add(String note) {
        if (!list.contains(note)) {
            list.add(note);
        }
    }

    List<String> list() {
        return List.copyOf(list);
    }
}
