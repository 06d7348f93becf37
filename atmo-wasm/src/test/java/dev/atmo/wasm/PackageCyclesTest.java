package dev.atmo.wasm;

import dev.atmo.testing.PackageGraph;
import dev.atmo.testing.RepositoryRoot;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The engine's packages depend on each other one way only: {@code error} is a leaf, the engine sits on top. */
class PackageCyclesTest {

    @Test
    void theEnginesPackagesFormNoCycle() {
        PackageGraph.read(RepositoryRoot.resolve("atmo-wasm/src/main/java")).assertNoCyclesBut(Set.of());
    }
}
