package dev.atmo.directive;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GoUrlTest {

    @Test
    void goAcceptsAlmostAnything() {
        assertThat(GoUrl.parseError("nats://localhost:4222")).isEmpty();
        assertThat(GoUrl.parseError("localhost:4222")).isEmpty();
        assertThat(GoUrl.parseError("just some words")).isEmpty();
        assertThat(GoUrl.parseError("nats://user:pa$$@[::1]:4222")).isEmpty();
    }

    @Test
    void reportsWhatGoReports() {
        assertThat(GoUrl.parseError("127.0.0.1:4222"))
                .contains("parse \"127.0.0.1:4222\": first path segment in URL cannot contain colon");
        assertThat(GoUrl.parseError(":4222")).contains("parse \":4222\": missing protocol scheme");
        assertThat(GoUrl.parseError("nats://host:port"))
                .contains("parse \"nats://host:port\": invalid port \":port\" after host");
        assertThat(GoUrl.parseError("nats://[::1")).contains("parse \"nats://[::1\": missing ']' in host");
        assertThat(GoUrl.parseError("nats://ho st")).contains("parse \"nats://ho st\": invalid character \" \" in host name");
        assertThat(GoUrl.parseError("nats://host/%zz")).contains("parse \"nats://host/%zz\": invalid URL escape \"%zz\"");
        assertThat(GoUrl.parseError("nats://host\n")).contains("parse \"nats://host\\n\": net/url: invalid control character in URL");
    }
}
