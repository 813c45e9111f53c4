package dev.hygge.parquet;

/** {@code entities: "*"} of the original's {@code type: local} Home: as of the parquet Home, every sub-folder of its path. */
public final class LocalEntityLister extends ParquetEntityLister {
    public LocalEntityLister() {
        super("local");
    }
}
