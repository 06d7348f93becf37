package dev.atmo.cli;

import dev.atmo.cli.project.ProjectException;
import dev.atmo.cli.project.UsageException;

/** How the project commands report a refusal: one line on stderr, exit 2 for a bad argument, 1 otherwise. */
final class Failures {
    private Failures() {
    }

    static int report(String command, ProjectException e) {
        System.err.println("atmo " + command + ": " + e.getMessage());
        return e instanceof UsageException ? 2 : 1;
    }
}
