package dev.atmo.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QuickPauseTest {

    @Test
    void pausesDoubleWhileRunsKeepOverrunningUpToAMinuteAndStartOverAfterOneFinishes() {
        QuickPause pause = new QuickPause();
        assertThat(pause.allowed()).isTrue();
        assertThat(pause.overran()).isEqualTo(Duration.ofSeconds(1));
        assertThat(pause.allowed()).isFalse();
        assertThat(pause.overran()).isEqualTo(Duration.ofSeconds(2));
        assertThat(pause.overran()).isEqualTo(Duration.ofSeconds(4));
        for (int i = 0; i < 40; i++) {
            pause.overran();
        }
        assertThat(pause.next()).isEqualTo(Duration.ofMinutes(1));

        pause.finished();
        assertThat(pause.next()).isEqualTo(Duration.ofSeconds(1));
    }
}
