package dev.cairn.runtime.cli;

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
                return System.console() != null;
            }

            @Override
            public String ask(String prompt) {
                Console console = System.console();
                return console == null ? null : console.readLine("%s", prompt);
            }
        };
    }
}
