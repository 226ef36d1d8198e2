/**
 * The starter tests' application: a SQL script creates the book table, a Java migration seeds it with
 * titles from a Spring bean ({@link dev.cairn.spring.boot.CairnBeans}), and a JdbcClient repository reads
 * it at start-up.
 */
@SqlMigrationDirectory("db/shop")
package dev.cairn.spring.boot.shop;

import dev.cairn.SqlMigrationDirectory;
