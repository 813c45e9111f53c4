package dev.hygge.config;

import java.util.ArrayList;
import java.util.List;

/** Collects problems so that one pass reports all of them. */
final class Problems {
    private final List<ConfigProblem> list = new ArrayList<>();
    private Throwable firstCause;

    /** Adds a problem; the same message at the same place (a flow's setting inherited by each entity) is kept once. */
    void add(Origin origin, String message) {
        ConfigProblem problem = new ConfigProblem(origin, message);
        if (!list.contains(problem)) {
            list.add(problem);
        }
    }

    void add(Origin origin, String message, Throwable cause) {
        add(origin, message);
        if (firstCause == null) {
            firstCause = cause;
        }
    }

    void addAll(ProjectConfigException e) {
        list.addAll(e.problems());
        if (firstCause == null) {
            firstCause = e.getCause();
        }
    }

    int size() {
        return list.size();
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    void throwIfAny() {
        if (!list.isEmpty()) {
            throw new ProjectConfigException(list, firstCause);
        }
    }
}
