package dev.atmo;

import dev.atmo.testing.PackageGraph;
import dev.atmo.testing.RepositoryRoot;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The core's packages depend on each other one way only, but for the cycles listed here until they are undone. */
class PackageCyclesTest {
    /** {@code sequence.JobRequest} checks header names with {@code http.HeaderNames}; {@code http} runs sequences. */
    private static final Set<Set<String>> KNOWN = Set.of(Set.of("dev.atmo.http", "dev.atmo.sequence"));

    @Test
    void theCoresPackagesFormNoCycleButTheKnownOnes() {
        PackageGraph.read(RepositoryRoot.resolve("atmo-core/src/main/java")).assertNoCyclesBut(KNOWN);
    }
}
