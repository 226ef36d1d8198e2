/**
 * The corpus one release later (assembled by the build, see src/test/corpus-release-2/README.md):
 * one script deleted after it was applied, one merged with a version below applied ones.
 */
@SqlMigrationDirectory("db/corpus-2")
package dev.cairn.it.corpus.release2;

import dev.cairn.SqlMigrationDirectory;
