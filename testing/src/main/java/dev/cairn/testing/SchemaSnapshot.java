package dev.cairn.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A database schema as sorted, normalised lines, one per fact: a table, each of its columns (type,
 * nullability, default, primary key position), its keys and constraints, each index with its
 * columns, each view, trigger and (PostgreSQL) function. The same logical schema gives the same
 * text on every run; Cairn's history table is left out.
 *
 * <pre>{@code
 * SchemaSnapshot before = tester.snapshot();
 * tester.execute("ALTER TABLE orders ADD COLUMN note TEXT");
 * tester.snapshot().differencesFrom(before);   // [table orders: column note TEXT null is new]
 * }</pre>
 */
public final class SchemaSnapshot {

    private final SortedSet<String> facts;

    SchemaSnapshot(Iterable<String> facts) {
        TreeSet<String> sorted = new TreeSet<>();
        for (String fact : facts) {
            sorted.add(fact);
        }
        this.facts = Collections.unmodifiableSortedSet(sorted);
    }

    /** Parses a snapshot written by {@link #text()}: one fact per line; blank lines and {@code --} comments are skipped. */
    static SchemaSnapshot parse(String text) {
        List<String> facts = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            String fact = line.strip();
            if (!fact.isEmpty() && !fact.startsWith("--")) {
                facts.add(fact);
            }
        }
        return new SchemaSnapshot(facts);
    }

    /** The facts, sorted. */
    public SortedSet<String> facts() {
        return facts;
    }

    /** The facts, one per line, sorted: stable text for files under version control. */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (String fact : facts) {
            text.append(fact).append('\n');
        }
        return text.toString();
    }

    /**
     * What changed from {@code earlier} to this snapshot, one readable line per fact: facts only
     * here are "new", facts only there are "gone". Empty when the schemas are the same.
     */
    public List<String> differencesFrom(SchemaSnapshot earlier) {
        List<String> differences = new ArrayList<>();
        for (String fact : earlier.facts) {
            if (!facts.contains(fact)) {
                differences.add(fact + " is gone");
            }
        }
        for (String fact : facts) {
            if (!earlier.facts.contains(fact)) {
                differences.add(fact + " is new");
            }
        }
        return differences;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SchemaSnapshot && facts.equals(((SchemaSnapshot) other).facts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(facts);
    }

    @Override
    public String toString() {
        return text();
    }
}
