package dev.cairn.sample.db;

import dev.cairn.Migration;
import dev.cairn.runtime.JavaMigration;
import dev.cairn.runtime.MigrationContext;

/**
 * A non-transactional migration. On PostgreSQL the index is built with
 * {@code CREATE INDEX CONCURRENTLY}, which keeps the table writable while it builds and which
 * PostgreSQL refuses to run inside a transaction. SQLite has no concurrent build, so it gets a
 * plain index and fresh planner statistics. {@code IF NOT EXISTS} because a non-transactional
 * migration that failed half-way is retried after {@code repair}.
 */
@Migration(version = 7, dependsOn = 6, transactional = false)
public final class IndexBooksByAuthor implements JavaMigration {

    @Override
    public void up(MigrationContext context) throws Exception {
        if (SampleQueries.isPostgres(context)) {
            context.execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS books_author ON books (author)");
        } else if (SampleQueries.isMariaDbOrMySql(context)) {
            // InnoDB builds an index without blocking writes anyway (ALGORITHM=INPLACE, LOCK=NONE).
            context.execute("CREATE INDEX IF NOT EXISTS books_author ON books (author)");
            context.execute("ANALYZE TABLE books");
        } else if (SampleQueries.isH2(context)) {
            context.execute("CREATE INDEX IF NOT EXISTS books_author ON books (author)");
            context.execute("ANALYZE TABLE books");
        } else {
            context.execute("CREATE INDEX IF NOT EXISTS books_author ON books (author)");
            context.execute("ANALYZE books");
        }
    }

    @Override
    public void down(MigrationContext context) throws Exception {
        // A plain DROP INDEX works inside or outside a transaction; MariaDB and MySQL name the table.
        context.execute(SampleQueries.isMariaDbOrMySql(context) ? "DROP INDEX IF EXISTS books_author ON books"
                : "DROP INDEX IF EXISTS books_author");
    }
}
