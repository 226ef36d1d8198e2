package dev.cairn.sample;

import dev.cairn.cli.Cli;
import dev.cairn.sample.db.MigrationRegistry;

/**
 * The bookshop's entry point. Its command line is Cairn's admin CLI over the migrations the
 * compiler registered in {@code MigrationRegistry}; with no {@code --url} or {@code --db} it uses
 * an SQLite file in the current directory.
 *
 * <pre>{@code
 * java -jar cairn-sample.jar migrate --yes
 * java -jar cairn-sample.jar info
 * java -jar cairn-sample.jar shop            # the "application": migrates at startup, then serves
 * }</pre>
 */
public final class Main {
    /** The embedded database used when neither --url nor --db is given. */
    static final String DEFAULT_URL = "jdbc:sqlite:cairn-sample.db";

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("shop")) {
            System.exit(Shop.run(DEFAULT_URL, args));
        }
        Cli.builder(MigrationRegistry.INSTANCE)
                .programName("java -jar cairn-sample.jar")
                .defaultJdbcUrl(DEFAULT_URL)
                .build()
                .run(args);
    }
}
