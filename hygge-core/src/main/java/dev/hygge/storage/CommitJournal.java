package dev.hygge.storage;

import dev.hygge.spi.ObjectKeys;
import dev.hygge.spi.StoreException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The journal of one object-store commit, {@code <destination>/_hygge_staging/<run>/_journal}:
 * every staged object and the key it takes, and every object the commit removes. Written once,
 * with {@code If-None-Match: *}, after every file is staged: its existence is the commit.
 *
 * <pre>{@code
 * hygge-object-commit 1
 * move	_hygge_staging/<run>/orders_00000000000000000003.parquet	orders_00000000000000000003.parquet
 * delete	orders_00000000000000000000.parquet
 * end	2
 * }</pre>
 *
 * <p>Keys are relative to the destination, one entry a line, fields separated by TAB; keys pass
 * {@link ObjectKeys#check} (no TAB, newline or other control character), so no escaping is needed.
 * The {@code end} line counts the entries: a journal that lacks it is refused, never half applied.
 */
record CommitJournal(List<Move> moves, List<String> deletes) {
    static final String HEADER = "hygge-object-commit 1";

    /** A staged object and the key it is published under, both relative to the destination. */
    record Move(String staged, String target) {}

    CommitJournal {
        moves = List.copyOf(moves);
        deletes = List.copyOf(deletes);
    }

    byte[] encode() {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (Move m : moves) {
            out.append("move\t").append(ObjectKeys.check(m.staged())).append('\t').append(ObjectKeys.check(m.target())).append('\n');
        }
        for (String d : deletes) {
            out.append("delete\t").append(ObjectKeys.check(d)).append('\n');
        }
        out.append("end\t").append(moves.size() + deletes.size()).append('\n');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static CommitJournal decode(byte[] bytes, String where) {
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
        if (lines.length == 0 || !lines[0].equals(HEADER)) {
            throw new StoreException(where + " is not a hygge commit journal (first line '"
                    + (lines.length == 0 ? "" : lines[0]) + "', expected '" + HEADER + "'): a newer hygge wrote it, or it was"
                    + " changed by hand; move it aside to let the destination be written");
        }
        List<Move> moves = new ArrayList<>();
        List<String> deletes = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split("\t", -1);
            switch (f[0]) {
                case "move" -> moves.add(new Move(ObjectKeys.check(f[1]), ObjectKeys.check(f[2])));
                case "delete" -> deletes.add(ObjectKeys.check(f[1]));
                case "end" -> {
                    if (Integer.parseInt(f[1]) != moves.size() + deletes.size() || i != lines.length - 1) {
                        throw new StoreException(where + " is cut or changed: its end line counts " + f[1]
                                + " entries, it holds " + (moves.size() + deletes.size()));
                    }
                    return new CommitJournal(moves, deletes);
                }
                default -> throw new StoreException(where + " line " + (i + 1) + ": unknown entry '" + f[0] + "'");
            }
        }
        throw new StoreException(where + " has no end line: refused rather than half applied; move it aside"
                + " (its run's staged files stay in its folder) to let the destination be written");
    }
}
