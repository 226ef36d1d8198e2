/**
 * The database seam: one {@link dev.cairn.runtime.internal.dialect.Dialect} per supported database,
 * picked by {@link dev.cairn.runtime.internal.dialect.Dialects#detect(java.sql.Connection)} from the
 * driver's product name. Internal to Cairn; public only because Java 11 packages cannot share
 * package-private types.
 *
 * <pre>{@code
 * Dialect dialect = Dialects.detect(connection);
 * dialect.lock(connection, "cairn_schema_history", Duration.ofMinutes(1));
 * }</pre>
 */
package dev.cairn.runtime.internal.dialect;
