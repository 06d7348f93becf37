package dev.atmo.cli;

import dev.atmo.bundle.BundleException;
import java.io.PrintStream;

/** Prints a refused bundle the same way for every command: warnings (a typo often explains a problem), problems. */
final class ProblemReport {

    private ProblemReport() {
    }

    /** Prints the warnings and problems of {@code e}, one a line, and returns how many problems there are. */
    static int print(PrintStream out, BundleException e) {
        e.warnings().forEach(w -> out.println("warning: " + w));
        e.problems().forEach(out::println);
        return e.problems().size();
    }

    /** {@code "1 problem"}, {@code "2 problems"}. */
    static String count(int problems) {
        return problems + (problems == 1 ? " problem" : " problems");
    }
}
