package dev.hygge.config;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deprecation notes of a project being loaded: each kept once, and logged as a warning when first found. */
final class Notes {
    private static final Logger LOG = LoggerFactory.getLogger(Notes.class);

    private final List<String> list = new ArrayList<>();

    void add(String note) {
        if (!list.contains(note)) {
            list.add(note);
            LOG.warn(note);
        }
    }

    List<String> list() {
        return List.copyOf(list);
    }
}
