package dev.atmo.directive;

import java.util.Map;

/** {@code authentication.domains}: outbound credentials by exact URL host (with {@code :port} if any). */
public record Authentication(Map<String, DomainAuth> domains) {

    public static final Authentication NONE = new Authentication(Map.of());

    public Authentication {
        domains = Copy.map(domains);
    }
}
