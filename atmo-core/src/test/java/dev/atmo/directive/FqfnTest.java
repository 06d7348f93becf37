package dev.atmo.directive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class FqfnTest {

    @Test
    void bareNameIsInTheDefaultNamespace() {
        assertThat(Fqfn.parse("hello")).isEqualTo(new Fqfn("", "default", "hello", ""));
    }

    @Test
    void namespacedName() {
        assertThat(Fqfn.parse("db::getUser")).isEqualTo(new Fqfn("", "db", "getUser", ""));
    }

    @Test
    void fullFqfn() {
        assertThat(Fqfn.parse("com.suborbital.test#default::helloworld-rs@v0.0.1"))
                .isEqualTo(new Fqfn("com.suborbital.test", "default", "helloworld-rs", "v0.0.1"));
    }

    @Test
    void versionWithoutIdentifier() {
        assertThat(Fqfn.parse("ns::hello@v1.0.0")).isEqualTo(new Fqfn("", "ns", "hello", "v1.0.0"));
    }

    @Test
    void onlyTheFirstSeparatorsSplit() {
        assertThat(Fqfn.parse("a#b#c::d::e@f@g")).isEqualTo(new Fqfn("a", "b#c", "d::e", "f@g"));
    }

    @Test
    void canonicalText() {
        assertThat(new Fqfn("com.x", "default", "hello", "v1.0.0")).hasToString("com.x#default::hello@v1.0.0");
    }

    @Test
    void parseAndFormatRoundTrip() {
        String text = "com.suborbital.test#ns::get-file@v0.0.1";
        assertThat(Fqfn.parse(text).toString()).isEqualTo(text);
    }

    @Test
    void headlessPath() {
        assertThat(new Fqfn("com.suborbital.test", "default", "get-file", "v0.0.1").headlessPath())
                .isEqualTo("/com.suborbital.test/default/get-file/v0.0.1");
    }

    @Test
    void fromHeadlessPathNeedsExactlyFourSegments() {
        assertThat(Fqfn.fromHeadlessPath("/com.suborbital.test/default/get-file/v0.0.1"))
                .contains(new Fqfn("com.suborbital.test", "default", "get-file", "v0.0.1"));
        assertThat(Fqfn.fromHeadlessPath("com.x/ns/name/v1")).contains(new Fqfn("com.x", "ns", "name", "v1"));
        assertThat(Fqfn.fromHeadlessPath("/com.x/ns/name")).isEqualTo(Optional.empty());
        assertThat(Fqfn.fromHeadlessPath("/com.x/ns/name/v1/extra")).isEmpty();
        assertThat(Fqfn.fromHeadlessPath("//com.x/ns/name/v1")).isEmpty();
    }
}
