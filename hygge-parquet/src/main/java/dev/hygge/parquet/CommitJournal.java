package dev.hygge.parquet;

import dev.hygge.spi.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The journal of one commit: every rename it makes, written before the first one so that a
 * commit interrupted at any point can be completed by the next run.
 *
 * <pre>{@code
 * hygge-commit 2
 * aside	orders_00000000000000000000.parquet	_hygge_staging/<run>/_replaced/0
 * move	_hygge_staging/<run>/s000-000000.parquet	orders_00000000000000000000.parquet
 * state	_hygge_staging/<run>/_state.json	_hygge_state.json
 * end	3
 * }</pre>
 *
 * <p>One entry a line, fields separated by TAB; in each path a backslash, TAB, CR, LF and every other
 * control character are escaped ({@code \\}, {@code \t}, {@code \r}, {@code \n}, {@code \}{@code uXXXX}),
 * so any file name the file system allows is held whole. The {@code end} line counts the entries: a
 * journal is published by an atomic rename after an fsync, so a cut journal cannot appear, but one
 * that did would be refused rather than half applied. Journals of the first format
 * ({@code hygge-commit 1}, unescaped, left by earlier versions) are still read: their names never
 * held a TAB or a newline that mattered, since such a name broke that format's commit when it was written.
 * A {@code state} entry (the commit's state file, {@link StateFile}) is new in this format: a version
 * of hygge that predates it refuses such a journal, naming it, rather than apply the files without
 * their state.
 */
final class CommitJournal {
    static final String HEADER = "hygge-commit 2";
    static final String LEGACY_HEADER = "hygge-commit 1";

    /** What an entry does. */
    enum Kind {
        /** A replace's old file moved into the run's folder (removed with it); done before any move. */
        ASIDE,
        /** A staged file moved to its name in the destination. */
        MOVE,
        /** First format only: a replace's old file removed after the moves. */
        DELETE,
        /**
         * The destination's next state file ({@link StateFile}) renamed over the old one in one
         * atomic rename, after every move: the state is never absent, and is new only with the files.
         */
        STATE
    }

    /** One step; both paths relative to the destination ({@code to} is empty for a delete). */
    record Entry(Kind kind, String from, String to) {}

    /** A journal's steps; {@code legacy} for the first format, whose moves replace a file they meet. */
    record Steps(List<Entry> entries, boolean legacy) {}

    private CommitJournal() {}

    /** Writes {@code entries} to {@code journal} durably and atomically: a temp file, fsynced, renamed, folder fsynced. */
    static void write(Path journal, List<Entry> entries) throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (Entry entry : entries) {
            text.append(entry.kind().name().toLowerCase(java.util.Locale.ROOT)).append('\t').append(escape(entry.from()))
                    .append('\t').append(escape(entry.to())).append('\n');
        }
        text.append("end\t").append(entries.size()).append('\n');
        Path pending = journal.resolveSibling(journal.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(pending, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
        Files.move(pending, journal, StandardCopyOption.ATOMIC_MOVE);
        forceFolder(journal.getParent());
    }

    /** Reads a journal of either format; a StoreException naming it when it is neither. */
    static Steps read(Path journal) {
        List<String> lines;
        try {
            lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("Cannot read the commit journal " + journal + ": " + Staging.reason(e), e);
        }
        if (!lines.isEmpty() && lines.get(0).equals(LEGACY_HEADER)) {
            return new Steps(legacy(lines), true);
        }
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw notAJournal(journal, "it does not start with '" + HEADER + "'");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] parts = lines.get(i).split("\t", -1);
            if (parts[0].equals("end") && parts.length == 2) {
                if (!parts[1].equals(Integer.toString(entries.size())) || i != lines.size() - 1) {
                    throw notAJournal(journal, "its end line counts " + parts[1] + " entries, it holds " + entries.size());
                }
                return new Steps(entries, false);
            }
            Kind kind = switch (parts[0]) {
                case "aside" -> Kind.ASIDE;
                case "move" -> Kind.MOVE;
                case "state" -> Kind.STATE;
                default -> null;
            };
            if (kind == null || parts.length != 3) {
                throw notAJournal(journal, "line " + (i + 1) + " is not an entry");
            }
            entries.add(new Entry(kind, unescape(parts[1]), unescape(parts[2])));
        }
        throw notAJournal(journal, "it has no end line");
    }

    private static List<Entry> legacy(List<String> lines) {
        List<Entry> entries = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] parts = line.split("\t");
            if (parts[0].equals("move") && parts.length == 3) {
                entries.add(new Entry(Kind.MOVE, parts[1], parts[2]));
            } else if (parts[0].equals("delete") && parts.length == 2) {
                entries.add(new Entry(Kind.DELETE, parts[1], ""));
            }
        }
        return entries;
    }

    private static StoreException notAJournal(Path journal, String why) {
        return new StoreException("Commit journal " + journal + " is not a hygge journal (" + why + "); check "
                + journal.getParent().getParent().getParent() + " by hand, then remove the folder " + journal.getParent());
    }

    static String escape(String path) {
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 == text.length()) {
                out.append(c);
                continue;
            }
            char next = text.charAt(++i);
            switch (next) {
                case 't' -> out.append('\t');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 'u' -> {
                    out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(next);
            }
        }
        return out.toString();
    }

    /** Makes a rename inside {@code folder} durable; file systems that cannot open a folder skip it. */
    static void forceFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not possible here (e.g. Windows): the rename is still atomic, only its durability after a power loss is not promised
        }
    }
}
