package dev.atmo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DevCommandTest {

    @Test
    void devTakesTheOptionsOfStartExceptWatchingAndWaiting() {
        CommandLine.Model.CommandSpec dev = DevCommand.commandLine().getCommandSpec();
        CommandLine.Model.CommandSpec start = new CommandLine(new StartCommand()).getCommandSpec();
        for (CommandLine.Model.OptionSpec option : start.options()) {
            String name = option.longestName();
            if (name.equals("--watch") || name.equals("--wait")) {
                assertThat(dev.findOption(name)).as(name).isNull();
            } else {
                assertThat(dev.findOption(name)).as(name).isNotNull();
            }
        }
    }

    @Test
    void startOptionsGivenToDevShapeTheServer() {
        CommandLine line = DevCommand.commandLine().setCaseInsensitiveEnumValuesAllowed(true);
        line.parseArgs("--port", "9123", "--no-run-schedules", "--log-level", "warn", "project");
        DevCommand dev = line.getCommand();
        assertThat(dev.directory).isEqualTo(Path.of("project"));
        dev.start().bundle = dev.directory;
        var options = dev.start().options();
        assertThat(options.port()).isEqualTo(9123);
        assertThat(options.runSchedules()).isFalse();
        assertThat(options.bundle()).isEqualTo(Path.of("project"));
        assertThat(options.watch()).isFalse();
    }
}
