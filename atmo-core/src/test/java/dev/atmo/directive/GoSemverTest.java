package dev.atmo.directive;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GoSemverTest {

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v1.2", "v1.2.3", "v0.0.0", "v10.20.30", "v1.2.3-rc.1", "v1.2.3-0",
        "v1.2.3-alpha-1.x", "v1.2.3+build", "v1.2.3+build.01", "v1.2.3-rc.1+meta-2", "v1.2.3-0a"})
    void validVersions(String version) {
        assertThat(GoSemver.isValid(version)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "V1.2.3", "v", "v01", "v1.02", "v1.2.03", "v1.2.3.4", "v1-rc",
        "v1.2-rc", "v1.2+meta", "v1.2.3-", "v1.2.3-01", "v1.2.3-rc..1", "v1.2.3+", "v1.2.3+a..b",
        "v1.2.3-r_c", "v1.2.3 ", "v1.", "v1.2."})
    void invalidVersions(String version) {
        assertThat(GoSemver.isValid(version)).isFalse();
    }
}
