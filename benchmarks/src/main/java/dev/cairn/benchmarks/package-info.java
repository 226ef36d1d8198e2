/** Benchmarks of Cairn against Flyway and raw JDBC (being built). */
package dev.cairn.benchmarks;
