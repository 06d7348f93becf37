package dev.atmo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IdleMemoryTest {
    private static final HotSpotDiagnosticMXBean VM = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

    @Test
    void zeroLeavesTheCollectorAlone() {
        String before = VM.getVMOption(IdleMemory.OPTION).getValue();
        assertThat(IdleMemory.collectAfter(Duration.ZERO)).isEqualTo("off");
        assertThat(VM.getVMOption(IdleMemory.OPTION).getValue()).isEqualTo(before);
    }

    @Test
    void withG1TheIntervalIsSetOnceAndAnIntervalAlreadySetIsKept() {
        if (!VM.getVMOption("UseG1GC").getValue().equals("true")) {
            // G1 is the default with two processors or more; with fewer the JVM picks another collector
            assertThat(IdleMemory.collectAfter(Duration.ofSeconds(30))).isEqualTo("not G1");
            return;
        }
        assertThat(IdleMemory.collectAfter(Duration.ofSeconds(30))).isEqualTo("30000 ms");
        assertThat(VM.getVMOption(IdleMemory.OPTION).getValue()).isEqualTo("30000");
        // now set (origin management), it counts as the operator's: a second call keeps it
        assertThat(IdleMemory.collectAfter(Duration.ofSeconds(5))).isEqualTo("set by the operator to 30000 ms");
        assertThat(VM.getVMOption(IdleMemory.OPTION).getValue()).isEqualTo("30000");
    }
}
