package dev.hygge.parquet;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.hygge.spi.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The state kept with a parquet destination's files (an incremental load's watermark):
 * {@code _hygge_state.json} in the destination folder, one entry per name the folder's files are
 * written for ({@code {name}}: the entity, or the flow), replaced by the same journaled commit
 * that moves the files in ({@link Staging#commit}), so a crash at any moment leaves both old or
 * both new. Readers skip it ({@code _} names).
 *
 * <pre>{@code
 * {"format" : "hygge-state 1",
 *  "names" : {"orders" : {"state" : {"hygge.watermark" : "{...}"}, "run_id" : "20261201-...", "committed_at" : "2026-12-01T12:00:00Z"}}}
 * }</pre>
 */
final class StateFile {
    /** The state file in the destination folder. */
    static final String NAME = "_hygge_state.json";
    /** Where a commit stages the next state file, inside the run's staging folder. */
    static final String STAGED = "_state.json";
    static final String FORMAT = "hygge-state 1";

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    /** One name's state: its values, and which run committed them when. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Entry(@JsonProperty("state") Map<String, String> state, @JsonProperty("run_id") String runId,
                 @JsonProperty("committed_at") String committedAt) {}

    /** The file as a whole. */
    record Content(@JsonProperty("format") String format, @JsonProperty("names") Map<String, Entry> names) {}

    private StateFile() {}

    /** Every name's state in {@code destination}; empty when it has no state file. */
    static Map<String, Entry> read(Path destination) {
        Path file = destination.resolve(NAME);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new TreeMap<>();
        } catch (IOException e) {
            throw new StoreException("Cannot read the state of parquet destination " + destination + " (" + file + "): "
                    + Staging.reason(e), e);
        }
        try {
            Content content = JSON.readValue(bytes, Content.class);
            if (!FORMAT.equals(content.format()) || content.names() == null) {
                throw new StoreException("The state file " + file + " is not in hygge's format ('" + FORMAT + "'); move it"
                        + " away (the next incremental run then reads everything)");
            }
            return new TreeMap<>(content.names());
        } catch (IOException e) {
            throw new StoreException("The state file " + file + " cannot be read: " + e.getMessage() + "; move it away"
                    + " (the next incremental run then reads everything)", e);
        }
    }

    /** The value of {@code key} kept for {@code name}. */
    static Optional<String> value(Path destination, String name, String key) {
        Entry entry = read(destination).get(name);
        return entry == null || entry.state() == null ? Optional.empty() : Optional.ofNullable(entry.state().get(key));
    }

    /**
     * Stages the state file a commit of {@code name} leaves: {@code values} added to the name's
     * state, or replacing it all when {@code anew} (a replace, or no file of the name was there:
     * state about files that are gone would skip rows). Written durably into {@code staging}; empty
     * when the file would not change.
     *
     * @return the staged file, relative to the destination
     */
    static Optional<String> stage(Path destination, Path staging, String name, Map<String, String> values, boolean anew,
                                  String runId) {
        Map<String, Entry> names = read(destination);
        Entry old = names.get(name);
        if (values.isEmpty() && (!anew || old == null)) {
            return Optional.empty();
        }
        Map<String, String> state = new TreeMap<>();
        if (!anew && old != null && old.state() != null) {
            state.putAll(old.state());
        }
        state.putAll(values);
        if (state.isEmpty()) {
            names.remove(name);
        } else {
            names.put(name, new Entry(state, runId, Instant.now().toString()));
        }
        Path staged = staging.resolve(STAGED);
        try (FileChannel channel = FileChannel.open(staged, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(JSON.writeValueAsBytes(new Content(FORMAT, names))));
            channel.force(true);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the state as JSON", e);
        } catch (IOException e) {
            throw new StoreException("Cannot stage the state of parquet destination " + destination + " (" + staged + "): "
                    + Staging.reason(e) + "; nothing was changed", e);
        }
        return Optional.of(destination.relativize(staged).toString());
    }
}
