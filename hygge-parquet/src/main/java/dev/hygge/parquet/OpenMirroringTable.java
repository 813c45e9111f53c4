package dev.hygge.parquet;

import dev.hygge.spi.StoreException;
import java.util.Optional;

/**
 * Where one mirrored table lives, as keys relative to the mirror's {@code Files/} folder: Fabric reads
 * {@code LandingZone/[<schema>.schema/]<table>/}; hygge keeps its lock and staged runs for the table in
 * {@code _hygge_mirroring/[<schema>.schema/]<table>/}, outside the landing zone, so that Open Mirroring
 * never sees a staged file and deleting the table's folder (a full load) leaves the lock and the staged
 * files in place.
 *
 * <pre>{@code
 * OpenMirroringTable t = OpenMirroringTable.of(Optional.of("crm"), "orders", "open_mirroring lake");
 * t.landing();    // LandingZone/crm.schema/orders/
 * t.own();        // _hygge_mirroring/crm.schema/orders/
 * }</pre>
 *
 * @param schema the schema folder's name without {@code .schema}, if any
 * @param name the table's folder name
 */
record OpenMirroringTable(Optional<String> schema, String name) {
    static final String LANDING_ZONE = "LandingZone/";
    /** hygge's own folder beside the landing zone. */
    static final String OWN = "_hygge_mirroring/";
    static final String METADATA = "_metadata.json";
    static final String PARTNER_EVENTS = LANDING_ZONE + "_partnerEvents.json";
    static final String LOCK = "_hygge.lock";

    /**
     * The table named {@code name} in {@code schema}, both checked to be plain folder names.
     *
     * @throws StoreException naming the name and {@code where} when one is not
     */
    static OpenMirroringTable of(Optional<String> schema, String name, String where) {
        schema.ifPresent(s -> check(s, "schema_name", where));
        check(name, "table", where);
        return new OpenMirroringTable(schema, name);
    }

    /** What is wrong with {@code name} as a table's or schema's folder name, or null when nothing is. */
    static String problem(String name) {
        String problem = DestinationFiles.problem(name);
        if (problem == null && (name.startsWith("_") || name.startsWith("."))) {
            problem = "starts with '" + name.charAt(0) + "', which Open Mirroring and hygge keep for their own files";
        }
        if (problem == null && name.toLowerCase(java.util.Locale.ROOT).endsWith(".schema")) {
            problem = "ends with '.schema', which names a schema's folder in the landing zone (give schema_name for a schema)";
        }
        return problem;
    }

    private static void check(String name, String what, String where) {
        String problem = problem(name);
        if (problem != null) {
            throw new StoreException("Store " + where + ": " + what + " '" + DestinationFiles.printable(name) + "' " + problem
                    + "; a " + what + " must be one folder name inside the landing zone");
        }
    }

    private String relative() {
        return schema.map(s -> s + ".schema/").orElse("") + name + "/";
    }

    /** The table's folder Fabric reads. */
    String landing() {
        return LANDING_ZONE + relative();
    }

    /** hygge's folder for the table: its lock and its runs' staging folders. */
    String own() {
        return OWN + relative();
    }

    /** For messages: {@code crm.orders} or {@code orders}. */
    String label() {
        return schema.map(s -> s + ".").orElse("") + name;
    }
}
