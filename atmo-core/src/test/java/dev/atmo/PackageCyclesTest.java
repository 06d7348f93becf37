package dev.atmo;

import dev.atmo.testing.PackageGraph;
import dev.atmo.testing.RepositoryRoot;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The core's packages depend on each other one way only. */
class PackageCyclesTest {
    @Test
    void theCoresPackagesFormNoCycle() {
        PackageGraph.read(RepositoryRoot.resolve("atmo-core/src/main/java")).assertNoCyclesBut(Set.of());
    }
}
