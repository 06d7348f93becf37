package dev.atmo.directive;

import static dev.atmo.directive.Directives.HEADER;
import static dev.atmo.directive.Directives.problems;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OriginRulesTest {

    @Test
    void originsWithSchemeHostAndPortAndTheWildcardAreAccepted() {
        assertThat(OriginRules.problem("https://app.example.com")).isEmpty();
        assertThat(OriginRules.problem("http://localhost:5173")).isEmpty();
        assertThat(OriginRules.problem("*")).isEmpty();
    }

    @Test
    void aTrailingSlashIsRefusedWithTheOriginThatWouldMatch() {
        assertThat(OriginRules.problem("https://app.example.com/")).contains(
                "is not an origin: browsers send scheme://host[:port] with no path, write 'https://app.example.com'");
    }

    @Test
    void anEntryWithoutSchemeIsRefusedWithTheSpellingThatWouldMatch() {
        assertThat(OriginRules.problem("app.example.com:8443")).contains(
                "is not an origin: write it with its scheme, as 'https://app.example.com:8443'");
    }

    @Test
    void validationPointsAtTheAllowedOriginsLine() {
        assertThat(problems(HEADER + """
                handlers:
                  - type: stream
                    resource: /chat
                    allowedOrigins:
                      - https://app.example.com/
                      - http://localhost:5173
                    steps:
                      - fn: hello
                """)).containsExactly("Directive.yaml:12:5: handler for /chat: allowedOrigins entry"
                + " 'https://app.example.com/' is not an origin: browsers send scheme://host[:port] with no path,"
                + " write 'https://app.example.com'");
    }
}
