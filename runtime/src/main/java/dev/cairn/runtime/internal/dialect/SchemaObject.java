package dev.cairn.runtime.internal.dialect;

/**
 * One object found in the schema Cairn migrates, by {@link Dialect#schemaObjects}: what kind it is
 * ("table", "view", "function", ...) and its name, for messages.
 *
 * <pre>{@code
 * new SchemaObject("table", "books").toString();   // "table books"
 * }</pre>
 */
public final class SchemaObject {

    private final String kind;
    private final String name;

    public SchemaObject(String kind, String name) {
        this.kind = kind;
        this.name = name;
    }

    /** "table", "view", "index", "trigger", "sequence", "function", "type", ... */
    public String kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    /** Whether this is a table of that name, compared as an unquoted SQL identifier (ignoring case). */
    public boolean isTable(String table) {
        return kind.equals("table") && name.equalsIgnoreCase(table);
    }

    @Override
    public String toString() {
        return kind + " " + name;
    }
}
