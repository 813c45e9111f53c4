package dev.hygge.config;

import dev.hygge.spi.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Where a project's files are: {@code hygge.yml} (given, in a folder, or in the nearest folder
 * above), the flow folders under {@code flows_dir} with their {@code flow.yml}, and their
 * {@code entities/*.yml}. Listings are sorted, so a project loads the same on every machine.
 */
final class ProjectFiles {
    private ProjectFiles() {}

    /** A flow folder and its flow file. */
    record FlowFolder(String name, Path dir, Path flowFile) {}

    /**
     * The project file a path names: itself, or the project file in that folder.
     *
     * @throws ConfigException when there is none, saying how to make one
     */
    static Path projectFile(Path fileOrFolder) {
        if (Files.isDirectory(fileOrFolder)) {
            return inFolder(fileOrFolder).or(() -> singleFile(fileOrFolder)).orElseThrow(() -> new ConfigException("No hygge.yml in "
                    + fileOrFolder.toAbsolutePath().normalize()
                    + "; run 'hygge init NAME' to create a project, or point at the project's folder"));
        }
        if (!Files.isRegularFile(fileOrFolder)) {
            throw new ConfigException("Project file " + fileOrFolder.toAbsolutePath().normalize()
                    + " does not exist; check the path or run 'hygge init NAME'");
        }
        return fileOrFolder;
    }

    /** The project file in {@code folder} or the nearest folder above it. */
    static Optional<Path> find(Path folder) {
        for (Path dir = folder.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Optional<Path> file = inFolder(dir);
            if (file.isPresent()) {
                return file;
            }
        }
        return Optional.empty();
    }

    /**
     * As {@link #find}, or a problem saying how to make one.
     *
     * @throws ConfigException when there is none
     */
    static Path discover(Path folder) {
        return find(folder).orElseThrow(() -> new ConfigException("No hygge.yml in " + folder.toAbsolutePath().normalize()
                + " or any folder above it; run 'hygge init NAME' to create a project, or cd into one"));
    }

    /** The folders under {@code dir} that hold a {@code flow.yml} (or {@code flow.yaml}), sorted. */
    static List<FlowFolder> flowFolders(Problems problems, Path root, Path dir) {
        return list(problems, root, dir, Files::isDirectory).stream()
                .map(flowDir -> firstExisting(flowDir.resolve("flow.yml"), flowDir.resolve("flow.yaml"))
                        .map(file -> new FlowFolder(flowDir.getFileName().toString(), flowDir, file)))
                .flatMap(Optional::stream)
                .toList();
    }

    /** The {@code entities/*.yml} of a flow folder, sorted; none when it has no {@code entities} folder. */
    static List<Path> entityFiles(Problems problems, Path root, Path flowDir) {
        Path entitiesDir = flowDir.resolve("entities");
        if (!Files.isDirectory(entitiesDir)) {
            return List.of();
        }
        return list(problems, root, entitiesDir, p -> isYaml(p) && Files.isRegularFile(p));
    }

    /** A file's name without its extension: an entity file's default entity name. */
    static String baseName(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** A top-level {@code flows:} key: what makes a YAML file a single-file project. */
    private static final java.util.regex.Pattern FLOWS_KEY = java.util.regex.Pattern.compile("(?m)^flows\\s*:");

    /**
     * The single-file project in a folder without {@code hygge.yml} (the original hygge's
     * {@code minimal_flow.yaml}): the one YAML file there with a top-level {@code flows:}.
     *
     * @throws ConfigException when there are several, naming them
     */
    private static Optional<Path> singleFile(Path dir) {
        List<Path> projects;
        try (Stream<Path> entries = Files.list(dir)) {
            projects = entries.filter(p -> isYaml(p) && Files.isRegularFile(p) && hasFlows(p)).sorted().toList();
        } catch (IOException e) {
            return Optional.empty();
        }
        if (projects.size() > 1) {
            throw new ConfigException("No hygge.yml in " + dir.toAbsolutePath().normalize() + ", and several project files with flows: "
                    + String.join(", ", projects.stream().map(p -> p.getFileName().toString()).toList())
                    + "; name one with --project FILE");
        }
        return projects.stream().findFirst();
    }

    private static boolean hasFlows(Path file) {
        try {
            return FLOWS_KEY.matcher(Files.readString(file)).find();
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    private static Optional<Path> inFolder(Path dir) {
        return firstExisting(Project.FILE_NAMES.stream().map(dir::resolve).toArray(Path[]::new));
    }

    /** The entries of a folder that pass {@code filter}, sorted; a folder that cannot be listed is a problem. */
    private static List<Path> list(Problems problems, Path root, Path dir, Predicate<Path> filter) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(filter).sorted().toList();
        } catch (IOException e) {
            problems.add(new Origin(root.relativize(dir.toAbsolutePath().normalize()), 0, 0), "cannot list the folder: " + e.getMessage(), e);
            return List.of();
        }
    }

    private static Optional<Path> firstExisting(Path... candidates) {
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static boolean isYaml(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".yml") || n.endsWith(".yaml");
    }
}
