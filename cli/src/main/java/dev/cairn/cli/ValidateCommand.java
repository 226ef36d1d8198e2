package dev.cairn.cli;

import dev.cairn.runtime.ValidationReport;
import java.io.PrintStream;

/** {@code validate}: every problem between the code and the database at once; exit 1 if any. */
final class ValidateCommand implements Command {

    @Override
    public int run(Invocation invocation) throws Exception {
        DatabaseTarget database = invocation.requireDatabase();
        ValidationReport report;
        String note;
        try (Engine.ReadOnly view = Engine.readOnly(invocation, null)) {
            report = view.migrator().validate();
            note = view.note();
        }
        PrintStream out = invocation.out();
        if (note != null) {
            (invocation.json() ? invocation.err() : out).println(note);
        }
        if (invocation.json()) {
            JsonWriter json = new JsonWriter().beginObject()
                    .field("database", database.displayUrl())
                    .field("valid", report.isValid());
            Formats.problemsJson(json, report.problems());
            out.println(json.endObject());
        } else if (report.isValid() && note != null) {
            out.println("Valid: nothing is applied yet; " + Formats.migrations(invocation.registry().migrations().size())
                    + " pending.");
        } else if (report.isValid()) {
            out.println("Valid: " + database.displayUrl() + " agrees with the application's migrations.");
        } else {
            int count = report.problems().size();
            out.println(count + (count == 1 ? " problem" : " problems") + " in " + database.displayUrl() + ":");
            Formats.problems(out, report.problems());
        }
        return report.isValid() ? Cli.EXIT_SUCCESS : Cli.EXIT_FAILURE;
    }
}
