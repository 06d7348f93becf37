package dev.atmo.cli;

import dev.atmo.testing.PackageGraph;
import dev.atmo.testing.RepositoryRoot;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The command line's packages depend on each other one way only. */
class PackageCyclesTest {
    @Test
    void theCommandLinesPackagesFormNoCycle() {
        PackageGraph.read(RepositoryRoot.resolve("atmo-cli/src/main/java")).assertNoCyclesBut(Set.of());
    }
}
