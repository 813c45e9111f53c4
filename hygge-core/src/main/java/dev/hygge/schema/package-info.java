/**
 * Schema inference, reusable by any SQL Store: inspect → decide → apply, usable without writing.
 *
 * <pre>{@code
 * InferredSchema decided = SchemaInference.builder(dialect.typeMapper())
 *         .options(options.schemaInference)        // sample_rows, buffer_factor, min_varchar, max_varchar
 *         .overrides(options.schemaOverrides)      // {email: VARCHAR(100)}
 *         .build()
 *         .infer(request.schema(), request.sample());
 * }</pre>
 *
 * <p>{@link dev.hygge.schema.SchemaProfiler} profiles the sample, a dialect's
 * {@link dev.hygge.schema.TypeMapper} maps each {@link dev.hygge.schema.ColumnProfile} to a
 * {@link dev.hygge.schema.SqlType}, and lengths a source declares travel in Arrow field metadata
 * under the keys of {@link dev.hygge.schema.SqlFieldMetadata}.
 */
package dev.hygge.schema;
