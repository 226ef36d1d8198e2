/**
 * Benchmarks of Cairn against Flyway and the raw-JDBC floor: workload generators, a process
 * timer, and the suite that {@code benchmarks/run.sh} starts. Nothing here runs in the normal build.
 */
package dev.cairn.benchmarks;
