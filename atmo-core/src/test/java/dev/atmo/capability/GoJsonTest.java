package dev.atmo.capability;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link GoJson} writes what Go's {@code json.Marshal} writes for the same decoded value. */
class GoJsonTest {

    static String reEncode(String json) throws Exception {
        return new String(GoJson.encode(GoJson.mapper().readTree(json)), UTF_8);
    }

    @Test
    void keysAreSortedAtEveryLevel() throws Exception {
        assertThat(reEncode("{\"b\":{\"d\":1,\"c\":[{\"f\":1,\"e\":2}]},\"a\":null}"))
                .isEqualTo("{\"a\":null,\"b\":{\"c\":[{\"e\":2,\"f\":1}],\"d\":1}}");
    }

    @Test
    void escapesAreSpelledAsGoSpellsThem() throws Exception {
        assertThat(reEncode("\"<a href='x'>&amp;</a>\""))
                .isEqualTo("\"\\u003ca href='x'\\u003e\\u0026amp;\\u003c/a\\u003e\"");
        assertThat(reEncode("\"\\b\\f\\u0001\\u001f\\n\\r\\t\\\"\\\\/\""))
                .isEqualTo("\"\\u0008\\u000c\\u0001\\u001f\\n\\r\\t\\\"\\\\/\"");
        assertThat(reEncode("\"line\\u2028para\\u2029 é ✓ \\ud83d\\ude00\""))
                .isEqualTo("\"line\\u2028para\\u2029 é ✓ \ud83d\ude00\"");
    }

    @Test
    void integralNumbersLoseTheirFraction() throws Exception {
        assertThat(reEncode("[1.0,2.5,-3.0,1e3,0,12]")).isEqualTo("[1,2.5,-3,1000,0,12]");
    }
}
