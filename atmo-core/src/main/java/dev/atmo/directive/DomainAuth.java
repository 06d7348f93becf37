package dev.atmo.directive;

import java.util.Objects;

/**
 * The {@code Authorization} header injected into outbound calls to one host: {@code headerType} is its
 * first word, {@code value} a literal or {@code env(NAME)}.
 */
public record DomainAuth(String headerType, String value, Mark mark) {

    public DomainAuth {
        headerType = Copy.text(headerType);
        value = Copy.text(value);
        mark = Objects.requireNonNullElse(mark, Mark.NONE);
    }

    @Override
    public String toString() {
        // the value is a secret unless it names an environment variable
        String shown = value.startsWith("env(") || value.isEmpty() ? value : "***";
        return "DomainAuth[headerType=" + headerType + ", value=" + shown + ", mark=" + mark + "]";
    }
}
