package dev.atmo.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atmo.wasm.abi.AbiVersion;
import dev.atmo.wasm.host.Slf4jGuestLog;
import org.junit.jupiter.api.Test;

class AbiMarkerTest {

    @Test
    void aModuleExportingTheMarkerIsGenerationBWhateverItIsConfiguredAs() {
        for (AbiVersion configured : AbiVersion.values()) {
            try (WasmRunnable marked = WasmRunnable.load(TestModules.bytes("abi-marker-wat"),
                    ModuleOptions.of("abi-marker-wat").withAbi(configured), new Slf4jGuestLog())) {
                assertThat(marked.abi()).as("configured as %s", configured).isEqualTo(AbiVersion.B);
            }
        }
    }

    @Test
    void aModuleWithoutTheMarkerKeepsItsConfiguredGeneration() {
        for (AbiVersion configured : AbiVersion.values()) {
            try (WasmRunnable plain = WasmRunnable.load(TestModules.bytes("echo-wat"),
                    ModuleOptions.of("echo-wat").withAbi(configured), new Slf4jGuestLog())) {
                assertThat(plain.abi()).isEqualTo(configured);
            }
        }
    }
}
