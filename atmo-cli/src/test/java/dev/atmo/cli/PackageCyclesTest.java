package dev.atmo.cli;

import dev.atmo.testing.PackageGraph;
import dev.atmo.testing.RepositoryRoot;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The command line's packages depend on each other one way only, but for the cycles listed until undone. */
class PackageCyclesTest {
    /** {@code log.LoggingSetup} reads {@code cli.Version}; the commands configure the log. */
    private static final Set<Set<String>> KNOWN = Set.of(Set.of("dev.atmo.cli", "dev.atmo.cli.log"));

    @Test
    void theCommandLinesPackagesFormNoCycleButTheKnownOnes() {
        PackageGraph.read(RepositoryRoot.resolve("atmo-cli/src/main/java")).assertNoCyclesBut(KNOWN);
    }
}
