package dev.cairn.cli;

import java.io.Console;

/**
 * Where {@code migrate} asks for confirmation. Only an interactive terminal is asked: in a
 * script, a container or CI there is nobody to answer, so the CLI proceeds as if confirmed.
 */
interface Terminal {

    /** Whether a person can answer a question. */
    boolean interactive();

    /** Shows {@code prompt} and returns the answer, or {@code null} at end of input. */
    String ask(String prompt);

    /** The process's terminal, as {@link System#console()} sees it. */
    static Terminal system() {
        return new Terminal() {
            @Override
            public boolean interactive() {
                Console console = System.console();
                return console != null && isTerminal(console);
            }

            @Override
            public String ask(String prompt) {
                Console console = System.console();
                return console == null ? null : console.readLine("%s", prompt);
            }
        };
    }

    /**
     * On JDK 22 to 24, {@code System.console()} returns a console even when the streams are
     * redirected; {@code Console.isTerminal()} (JDK 22+) tells the truth there. Called
     * reflectively because this code compiles for Java 11, where the method does not exist and
     * a non-null console always means a terminal.
     */
    private static boolean isTerminal(Console console) {
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true;
        }
    }
}
