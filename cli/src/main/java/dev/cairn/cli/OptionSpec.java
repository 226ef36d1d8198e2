package dev.cairn.cli;

/**
 * One option a command accepts: {@code --target V} takes a value, {@code --yes} is a flag.
 * Kept as data so that the parser and the help text are driven by the same declaration.
 */
final class OptionSpec {
    private final String name;
    private final String valueName;
    private final String description;

    private OptionSpec(String name, String valueName, String description) {
        this.name = name;
        this.valueName = valueName;
        this.description = description;
    }

    /** An option followed by a value, written {@code --name VALUE} or {@code --name=VALUE}. */
    static OptionSpec withValue(String name, String valueName, String description) {
        return new OptionSpec(name, valueName, description);
    }

    /** An option that is either present or absent. */
    static OptionSpec flag(String name, String description) {
        return new OptionSpec(name, null, description);
    }

    String name() {
        return name;
    }

    boolean takesValue() {
        return valueName != null;
    }

    String description() {
        return description;
    }

    /** How the option appears in help: {@code --target V}. */
    String synopsis() {
        return takesValue() ? name + " " + valueName : name;
    }
}
