package dev.cairn.cli;

/**
 * One CLI command's behaviour. Returns the exit status; throws {@link UsageException} for a bad
 * command line, anything else for a failure that the CLI reports as one paragraph.
 */
interface Command {
    int run(Invocation invocation) throws Exception;
}
