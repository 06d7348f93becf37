package dev.atmo.cli;

import static dev.atmo.cli.AtmoJarIT.atmo;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the built jar says to a command line it cannot understand: one line with a suggestion, exit code 2. */
class CommandLineMistakesIT {

    @Test
    void atmoAlonePrintsItsUsageAndExits2() throws Exception {
        Process process = atmo().start();
        String output = AtmoJarIT.run(process);
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output).startsWith("Usage: atmo [-hV] [COMMAND]\n").contains("  start  ", "  validate  ");
    }

    @Test
    void aMistypedOptionNamesTheOptionItProbablyMeant() throws Exception {
        Process process = atmo("start", "--prot", "8081", "examples/hello").start();
        String output = AtmoJarIT.run(process);
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output.lines().toList()).containsExactly(
                "atmo start: unknown option '--prot' (did you mean '--port'?)",
                "atmo start: unexpected argument 'examples/hello'",
                "Run 'atmo start --help' for its usage.");
    }

    @Test
    void aMistypedCommandNamesTheCommandItProbablyMeant() throws Exception {
        Process process = atmo("strat", "examples/hello").start();
        String output = AtmoJarIT.run(process);
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output.lines().toList()).containsExactly(
                "atmo: unknown command 'strat' (did you mean 'start'?)",
                "atmo: unknown command 'examples/hello'",
                "Run 'atmo --help' for its usage.");
    }
}
