package dev.atmo.cli;

import dev.atmo.directive.Suggestion;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A command line that could not be understood: one line saying what was wrong, with the option or command that
 * was probably meant, and where to find the rest; never the whole help. Exits {@link Main#USAGE}.
 */
final class UsageMistakes implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        PrintWriter err = commandLine.getErr();
        String name = commandLine.getCommandSpec().qualifiedName();
        for (String line : explain(ex)) {
            err.println(name + ": " + line);
        }
        err.println("Run '" + name + " --help' for its usage.");
        err.flush();
        return Main.USAGE;
    }

    private static List<String> explain(ParameterException ex) {
        if (!(ex instanceof UnmatchedArgumentException unmatched)) {
            return List.of(ex.getMessage());
        }
        CommandLine commandLine = ex.getCommandLine();
        List<String> lines = new ArrayList<>();
        for (String argument : unmatched.getUnmatched()) {
            if (argument.startsWith("-")) {
                String option = argument.contains("=") ? argument.substring(0, argument.indexOf('=')) : argument;
                lines.add("unknown option '" + option + "'"
                        + Suggestion.didYouMean(option, commandLine.getCommandSpec().optionsMap().keySet()));
            } else if (!commandLine.getSubcommands().isEmpty()) {
                lines.add("unknown command '" + argument + "'"
                        + Suggestion.didYouMean(argument, commandLine.getSubcommands().keySet()));
            } else {
                lines.add("unexpected argument '" + argument + "'");
            }
        }
        return lines.isEmpty() ? List.of(ex.getMessage()) : lines;
    }
}
