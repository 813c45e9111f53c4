package dev.hygge.parquet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hygge.spi.ObjectInfo;
import dev.hygge.spi.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names and small files of the landing zone: data files named by a 20-digit sequence
 * ({@code 00000000000000000001.parquet}) or, under {@code file_detection: timestamp}, by the time and a
 * sequence ({@code 20260101_120000_123456_000001.parquet}, the original hygge's form); a table's
 * {@code _metadata.json}; the mirror's {@code _partnerEvents.json}.
 *
 * <pre>{@code
 * long next = OpenMirroringFiles.highest(store.list(table.landing()), detection).orElse(starting - 1) + 1;
 * OpenMirroringFiles.name(Detection.SEQUENTIAL, next, Instant.now());     // 00000000000000000007.parquet
 * }</pre>
 */
final class OpenMirroringFiles {
    /** How Open Mirroring finds new files in a table's folder. */
    enum Detection {
        /** By name: a 20-digit sequence, in order. */
        SEQUENTIAL(Pattern.compile("(\\d{20})\\.parquet")),
        /** By last update time ({@code LastUpdateTimeFileDetection}); names only need to be unique. */
        TIMESTAMP(Pattern.compile("\\d{8}_\\d{6}_\\d{6}_(\\d{6,})\\.parquet"));

        private final Pattern name;

        Detection(Pattern name) {
            this.name = name;
        }

        /** {@code sequential} or {@code timestamp}, as written in config; empty for anything else. */
        static Optional<Detection> named(String text) {
            if (text == null) {
                return Optional.empty();
            }
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "sequential" -> Optional.of(SEQUENTIAL);
                case "timestamp" -> Optional.of(TIMESTAMP);
                default -> Optional.empty();
            };
        }
    }

    /** The highest sequence the names may hold (20 digits). */
    static final long MAX_SEQUENCE = Long.MAX_VALUE;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss_SSSSSS").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenMirroringFiles() {}

    /**
     * The highest sequence among the files listed (the table's folder at every depth: Open Mirroring may
     * move files it has processed into folders of its own there), if any carries one.
     */
    static Optional<Long> highest(List<ObjectInfo> listed, Detection detection) {
        long max = -1;
        for (ObjectInfo o : listed) {
            Matcher m = detection.name.matcher(o.name());
            if (m.matches()) {
                try {
                    max = Math.max(max, Long.parseLong(m.group(1)));
                } catch (NumberFormatException e) {
                    throw new StoreException("file " + o.key() + " carries a sequence beyond " + MAX_SEQUENCE
                            + ": hygge cannot continue it; start the table again with a full load");
                }
            }
        }
        return max < 0 ? Optional.empty() : Optional.of(max);
    }

    /** The name of the data file with {@code sequence}, written at {@code now}. */
    static String name(Detection detection, long sequence, Instant now) {
        return switch (detection) {
            case SEQUENTIAL -> String.format(Locale.ROOT, "%020d.parquet", sequence);
            case TIMESTAMP -> TIME.format(now) + String.format(Locale.ROOT, "_%06d.parquet", sequence);
        };
    }

    /**
     * A table's {@code _metadata.json}: {@code keyColumns}, and {@code fileDetectionStrategy} for timestamp
     * detection, {@code isUpsertDefaultRowMarker} when the Store's constant marker is upsert.
     */
    static byte[] metadata(List<String> keyColumns, Detection detection, boolean upsertDefault) {
        ObjectNode node = JSON.createObjectNode();
        keyColumns.forEach(node.putArray("keyColumns")::add);
        if (detection == Detection.TIMESTAMP) {
            node.put("fileDetectionStrategy", "LastUpdateTimeFileDetection");
        }
        if (upsertDefault) {
            node.put("isUpsertDefaultRowMarker", true);
        }
        return json(node);
    }

    /** The {@code keyColumns} of a table's {@code _metadata.json}. */
    static List<String> keyColumns(byte[] metadata, String where) {
        JsonNode node;
        try {
            node = JSON.readTree(metadata);
        } catch (IOException e) {
            throw new StoreException(where + " is not JSON (" + e.getMessage() + "); fix it or delete the table's folder", e);
        }
        List<String> keys = new ArrayList<>();
        if (node != null && node.get("keyColumns") != null) {
            node.get("keyColumns").forEach(k -> keys.add(k.asText()));
        }
        return keys;
    }

    /** The mirror's {@code _partnerEvents.json}: {@code partnerName} and {@code sourceInfo} (sourceType, sourceVersion). */
    static byte[] partnerEvents(String partnerName, String sourceType, String sourceVersion) {
        ObjectNode node = JSON.createObjectNode();
        node.put("partnerName", partnerName);
        ObjectNode source = node.putObject("sourceInfo");
        if (sourceType != null) {
            source.put("sourceType", sourceType);
        }
        if (sourceVersion != null) {
            source.put("sourceVersion", sourceVersion);
        }
        return json(node);
    }

    /** The state file of a table in hygge's own folder: the watermark committed with the table's files. */
    static final String STATE = "_hygge_state.json";
    private static final String STATE_FORMAT = "hygge-open-mirroring-state 1";

    /** A state file's content: {@code values} under {@code state}, with the run that committed them and when. */
    static byte[] state(Map<String, String> values, String runId, Instant at) {
        ObjectNode node = JSON.createObjectNode();
        node.put("format", STATE_FORMAT);
        ObjectNode state = node.putObject("state");
        new TreeMap<>(values).forEach(state::put);
        node.put("run_id", runId);
        node.put("committed_at", at.toString());
        return json(node);
    }

    /** The values of a state file. */
    static Map<String, String> state(byte[] content, String where) {
        JsonNode node;
        try {
            node = JSON.readTree(content);
        } catch (IOException e) {
            throw new StoreException(where + " cannot be read: " + e.getMessage() + "; move it away (the next incremental run then"
                    + " reads everything)", e);
        }
        if (node == null || !STATE_FORMAT.equals(node.path("format").asText()) || !node.path("state").isObject()) {
            throw new StoreException(where + " is not in hygge's format ('" + STATE_FORMAT + "'); move it away (the next incremental"
                    + " run then reads everything)");
        }
        Map<String, String> values = new TreeMap<>();
        node.get("state").fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        return values;
    }

    /** Whether the listed files hold a data file of either detection's names. */
    static boolean anyData(List<ObjectInfo> listed) {
        return highest(listed, Detection.SEQUENTIAL).isPresent() || highest(listed, Detection.TIMESTAMP).isPresent();
    }

    private static byte[] json(ObjectNode node) {
        try {
            return (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("could not write JSON", e);
        }
    }
}
