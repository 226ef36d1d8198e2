/**
 * Cairn's testing kit: tests for migrations on a fresh database, with schema snapshots, the round
 * trip of every {@code down()}, and a JUnit 5 extension (JUnit is needed only for that).
 *
 * <pre>{@code
 * module com.example.shop.test {
 *     requires dev.cairn.testing;
 * }
 * }</pre>
 */
module dev.cairn.testing {
    requires transitive dev.cairn.runtime;
    requires static org.junit.jupiter.api;

    exports dev.cairn.testing;
}
