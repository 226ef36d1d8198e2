/**
 * Deciding what to do from the registry and one reading of the history:
 * {@link dev.cairn.runtime.internal.plan.Planner#plan} works out a
 * {@link dev.cairn.runtime.internal.plan.Plan} (pending, skipped and why, validation problems) once;
 * {@link dev.cairn.runtime.internal.plan.Verification} decides when an up-to-date start may read a
 * single history row. Internal to Cairn.
 *
 * <pre>{@code
 * Plan plan = Planner.plan(config, history, null);
 * List<MigrationDescriptor> toApply = plan.pending();
 * }</pre>
 */
package dev.cairn.runtime.internal.plan;
