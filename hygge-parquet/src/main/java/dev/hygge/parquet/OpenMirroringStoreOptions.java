package dev.hygge.parquet;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.util.List;
import java.util.Map;

/**
 * Options of the Fabric Open Mirroring Store ({@code type: open_mirroring}), with the original hygge's keys.
 *
 * <pre>{@code
 * store:
 *   type: open_mirroring
 *   account_url: https://onelake.dfs.fabric.microsoft.com
 *   filesystem: <workspace id>
 *   mirror_name: <mirrored database id>
 *   schema_name: crm                      # LandingZone/crm.schema/<table>/
 *   key_columns: [id]
 *   credential: managed_identity
 * }</pre>
 *
 * <p>The landing zone is {@code <account_url>/<filesystem>/<mirror_name>/Files/LandingZone/}; {@code path}
 * instead of {@code account_url} and {@code filesystem} puts it at {@code <path>/<mirror_name>/Files/LandingZone/}
 * (a local folder, or any URL a storage plugin serves).
 */
public class OpenMirroringStoreOptions {
    /** The account: {@code https://onelake.dfs.fabric.microsoft.com} for Fabric (or an emulator's URL with its account). */
    public String accountUrl;

    /** The Fabric workspace (name or id) under {@code account_url}: OneLake's file system. */
    public String filesystem;

    /** Instead of {@code account_url} and {@code filesystem}: a local folder or URL that holds {@code <mirror_name>/Files/}. */
    public String path;

    /** The mirrored database (its name or id in the landing zone URL). Required. */
    public String mirrorName;

    /** A schema: tables go to {@code LandingZone/<schema_name>.schema/<table>/}; none (the default) for {@code LandingZone/<table>/}. */
    public String schemaName;

    /** The table's folder name when the flow has no entity (default: the flow's name). */
    public String table;

    /** The columns that identify a row ({@code _metadata.json} keyColumns); a name or a list. Required. */
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
    public List<String> keyColumns;

    /**
     * The {@code __rowMarker__} of every row: {@code 0} insert, {@code 1} update, {@code 2} delete,
     * {@code 4} upsert (the default), or the name of a column that holds it per row.
     */
    public String rowMarker;

    /** {@code sequential} (the default: files named by a 20-digit sequence) or {@code timestamp} (Fabric's LastUpdateTimeFileDetection). */
    public String fileDetection = "sequential";

    /** The first sequence number of a table that has no files yet (default 1). */
    public long startingSequence = 1;

    /** Written to {@code LandingZone/_partnerEvents.json} with {@code source_type} and {@code source_version}; none by default. */
    public String partnerName;

    public String sourceType;

    public String sourceVersion;

    /** Seconds a full load waits after deleting the table's folder (Fabric drops the table), 0 to 900. Default 120. */
    public double folderDeletionWaitSeconds = 120;

    /** {@code snappy} (default), {@code zstd}, {@code gzip} or {@code none}: the codecs Open Mirroring reads. */
    public Compression compression = Compression.SNAPPY;

    /** Rows per file at most; 0 (the default) writes one file per stream. The original's {@code batch_size}. */
    public long rowsPerFile = 0;

    /** Rows per row group. Default 122,880. */
    public long rowGroupSize = 122_880;

    /** The Azure credential keys of the original's {@code onelake} Store (see hygge-azure), read into {@code storage}. */
    public String credential;

    public String tenantId;

    public String clientId;

    public String clientSecret;

    public String storageAccountKey;

    public String sasToken;

    /** Further settings of the location for the storage plugin ({@code connection:}, {@code hierarchical}...). */
    public Map<String, String> storage = Map.of();
}
