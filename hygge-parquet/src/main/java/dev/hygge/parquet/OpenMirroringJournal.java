package dev.hygge.parquet;

import dev.hygge.spi.ObjectKeys;
import dev.hygge.spi.StoreException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The journal of one commit into a mirrored table ({@code _hygge_mirroring/<table>/<run>/_journal}):
 * whether the table's folder is dropped first and how long to wait after, then every staged object and
 * the landing-zone key it takes, in order (the {@code _metadata.json} first, then the data files by
 * sequence). Written once, with {@code If-None-Match: *}, after every file is staged: its existence is
 * the commit.
 *
 * <pre>{@code
 * hygge-open-mirroring 1
 * drop	LandingZone/orders/	120000
 * move	_hygge_mirroring/orders/run-1/_metadata.json	LandingZone/orders/_metadata.json
 * move	_hygge_mirroring/orders/run-1/part-0.parquet	LandingZone/orders/00000000000000000001.parquet
 * end	3
 * }</pre>
 *
 * <p>Keys are relative to the mirror's {@code Files/} folder and pass {@link ObjectKeys#check}, so TAB
 * and newline never occur in them. The {@code end} line counts the entries: a cut journal is refused.
 *
 * @param drop the folder a full load deletes before its files move in, if it does
 * @param waitMillis how long to wait after the drop
 * @param moves the staged objects and their targets, in publishing order
 */
record OpenMirroringJournal(Optional<String> drop, long waitMillis, List<Move> moves) {
    static final String HEADER = "hygge-open-mirroring 1";

    /** A staged object and the key it is published under. */
    record Move(String staged, String target) {}

    OpenMirroringJournal {
        moves = List.copyOf(moves);
    }

    byte[] encode() {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        drop.ifPresent(d -> out.append("drop\t").append(ObjectKeys.checkPrefix(d)).append('\t').append(waitMillis).append('\n'));
        for (Move m : moves) {
            out.append("move\t").append(ObjectKeys.check(m.staged())).append('\t').append(ObjectKeys.check(m.target())).append('\n');
        }
        out.append("end\t").append(moves.size() + (drop.isPresent() ? 1 : 0)).append('\n');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static OpenMirroringJournal decode(byte[] bytes, String where) {
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
        if (lines.length == 0 || !lines[0].equals(HEADER)) {
            throw new StoreException(where + " is not a hygge Open Mirroring journal (first line '" + (lines.length == 0 ? "" : lines[0])
                    + "', expected '" + HEADER + "'): a newer hygge wrote it, or it was changed by hand; move its run folder aside"
                    + " to let the table be written");
        }
        Optional<String> drop = Optional.empty();
        long wait = 0;
        List<Move> moves = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split("\t", -1);
            try {
                switch (f[0]) {
                    case "drop" -> {
                        drop = Optional.of(ObjectKeys.checkPrefix(f[1]));
                        wait = Long.parseLong(f[2]);
                    }
                    case "move" -> moves.add(new Move(ObjectKeys.check(f[1]), ObjectKeys.check(f[2])));
                    case "end" -> {
                        int entries = moves.size() + (drop.isPresent() ? 1 : 0);
                        if (Integer.parseInt(f[1]) != entries || i != lines.length - 1) {
                            throw new StoreException(where + " is cut or changed: its end line counts " + f[1] + " entries, it holds "
                                    + entries);
                        }
                        return new OpenMirroringJournal(drop, wait, moves);
                    }
                    default -> throw new StoreException(where + " line " + (i + 1) + ": unknown entry '" + f[0] + "'");
                }
            } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
                throw new StoreException(where + " line " + (i + 1) + " is not a journal entry: " + e.getMessage(), e);
            }
        }
        throw new StoreException(where + " has no end line: refused rather than half applied; move its run folder aside"
                + " to let the table be written");
    }
}
