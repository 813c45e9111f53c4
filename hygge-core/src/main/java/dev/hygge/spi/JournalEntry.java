package dev.hygge.spi;

import static java.util.Objects.requireNonNull;

/**
 * One row of the run journal: one entity run, with the original hygge's columns (schema version
 * {@value #SCHEMA_VERSION}), so a journal the original wrote is continued from and one written
 * here is read by the original. Nullable columns are null here when absent.
 *
 * @param entityRunId      unique per entity run
 * @param coordinatorRunId the run (one {@code hygge start}) this entity run belongs to
 * @param flowRunId        the flow's run within it
 * @param coordinator      the project's name
 * @param flow             the flow's base name ({@code users_flow})
 * @param entity           the entity, or the flow's name when it has no entities
 * @param startTime        ISO-8601 instant the entity run started
 * @param finishTime       ISO-8601 instant it finished; null while it runs
 * @param status           {@code success}, {@code fail} or {@code skip}
 * @param runType          {@code full_drop} or {@code incremental}
 * @param rowCount         rows written; null when not known
 * @param duration         seconds; null when not known
 * @param primaryKey       the watermark's primary key column; null without a watermark
 * @param watermarkColumn  the watermark column; null without a watermark
 * @param watermarkType    {@link Watermark#journalType()}; null without a watermark
 * @param watermark        {@link Watermark#text()} of the watermark committed by this run; null without one
 * @param message          an error, a skip reason, the NULL-watermark count, or null
 * @param schemaVersion    {@value #SCHEMA_VERSION} for rows written here
 * @since 0.1
 */
public record JournalEntry(String entityRunId, String coordinatorRunId, String flowRunId, String coordinator, String flow,
                           String entity, String startTime, String finishTime, String status, String runType, Long rowCount,
                           Double duration, String primaryKey, String watermarkColumn, String watermarkType, String watermark,
                           String message, String schemaVersion) {
    /** The journal schema's version, as the original writes it. */
    public static final String SCHEMA_VERSION = "1.0";
    public static final String SUCCESS = "success";
    public static final String FAIL = "fail";
    public static final String SKIP = "skip";

    public JournalEntry {
        requireNonNull(entityRunId, "entityRunId is null");
        requireNonNull(flow, "flow is null");
        requireNonNull(entity, "entity is null");
        requireNonNull(startTime, "startTime is null");
        requireNonNull(status, "status is null");
        requireNonNull(runType, "runType is null");
        requireNonNull(schemaVersion, "schemaVersion is null");
    }

    /** Whether this run succeeded and committed a watermark. */
    public boolean hasWatermark() {
        return SUCCESS.equals(status) && watermark != null;
    }
}
