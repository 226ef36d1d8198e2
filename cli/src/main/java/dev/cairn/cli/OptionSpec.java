package dev.cairn.cli;

/**
 * One option a command accepts: {@code --target V} takes a value, {@code --yes} is a flag.
 * Kept as data so that the parser and the help text are driven by the same declaration.
 */
final class OptionSpec {
    private final String name;
    private final String valueName;
    private final String description;
    private final boolean required;

    private OptionSpec(String name, String valueName, String description, boolean required) {
        this.name = name;
        this.valueName = valueName;
        this.description = description;
        this.required = required;
    }

    /** An option followed by a value, written {@code --name VALUE} or {@code --name=VALUE}. */
    static OptionSpec withValue(String name, String valueName, String description) {
        return new OptionSpec(name, valueName, description, false);
    }

    /** An option that is either present or absent. */
    static OptionSpec flag(String name, String description) {
        return new OptionSpec(name, null, description, false);
    }

    /**
     * The same option, marked as one the command cannot run without: the usage line shows it
     * without brackets. The command still checks it and says what is missing.
     */
    OptionSpec required() {
        return new OptionSpec(name, valueName, description, true);
    }

    boolean isRequired() {
        return required;
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
