package dev.atmo.capability;

import dev.atmo.wasm.host.CapabilityException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Which outbound calls Runnables may make: an optional allow-list of hosts ({@code *.example.com} matches
 * sub-domains), a block on private, loopback and link-local addresses checked on the resolved address (hosts
 * named in {@code allowedPrivateHosts} are exempt), and whether plain {@code http} is allowed; plus the
 * timeouts and size cap every call gets. The defaults allow everything, as the original did;
 * {@code docs/capabilities.md} shows how to lock down.
 */
public record OutboundPolicy(List<String> allowedHosts, boolean blockPrivate, List<String> allowedPrivateHosts,
                             boolean allowHttp, Duration connectTimeout, Duration callTimeout, long maxResponseBytes,
                             int maxRedirects) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(20);
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 16L * 1024 * 1024;
    public static final int DEFAULT_MAX_REDIRECTS = 10;

    public OutboundPolicy {
        allowedHosts = List.copyOf(allowedHosts);
        allowedPrivateHosts = List.copyOf(allowedPrivateHosts);
    }

    public static OutboundPolicy permissive() {
        return new OutboundPolicy(List.of(), false, List.of(), true, DEFAULT_CONNECT_TIMEOUT, DEFAULT_CALL_TIMEOUT,
                DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_MAX_REDIRECTS);
    }

    public OutboundPolicy withAllowedHosts(List<String> hosts) {
        return new OutboundPolicy(hosts, blockPrivate, allowedPrivateHosts, allowHttp, connectTimeout, callTimeout,
                maxResponseBytes, maxRedirects);
    }

    public OutboundPolicy withBlockPrivate(boolean block, List<String> exemptHosts) {
        return new OutboundPolicy(allowedHosts, block, exemptHosts, allowHttp, connectTimeout, callTimeout,
                maxResponseBytes, maxRedirects);
    }

    public OutboundPolicy withAllowHttp(boolean allow) {
        return new OutboundPolicy(allowedHosts, blockPrivate, allowedPrivateHosts, allow, connectTimeout, callTimeout,
                maxResponseBytes, maxRedirects);
    }

    public OutboundPolicy withCallTimeout(Duration timeout) {
        return new OutboundPolicy(allowedHosts, blockPrivate, allowedPrivateHosts, allowHttp, connectTimeout, timeout,
                maxResponseBytes, maxRedirects);
    }

    public OutboundPolicy withMaxResponseBytes(long max) {
        return new OutboundPolicy(allowedHosts, blockPrivate, allowedPrivateHosts, allowHttp, connectTimeout,
                callTimeout, max, maxRedirects);
    }

    /**
     * Checks one hop of a call before it is sent.
     *
     * @throws CapabilityException with the text the guest receives
     */
    public void check(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new CapabilityException("failed to requestIsAllowed: unsupported URL scheme '" + scheme + "'");
        }
        if (scheme.equals("http") && !allowHttp) {
            throw new CapabilityException("failed to requestIsAllowed: requests to insecure HTTP endpoints is disallowed");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new CapabilityException("failed to requestIsAllowed: URL has no host: " + uri);
        }
        if (!allowedHosts.isEmpty() && allowedHosts.stream().noneMatch(p -> hostMatches(p, host))) {
            throw new CapabilityException("failed to requestIsAllowed: host " + host + " is not in the allowed list");
        }
        if (blockPrivate && allowedPrivateHosts.stream().noneMatch(p -> hostMatches(p, host))) {
            checkPublic(host);
        }
    }

    static boolean hostMatches(String pattern, String host) {
        String p = pattern.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        if (p.startsWith("*.")) {
            String suffix = p.substring(1);
            return h.endsWith(suffix) && h.length() > suffix.length();
        }
        return p.equals(h);
    }

    private static void checkPublic(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new CapabilityException("failed to resolve host " + host);
        }
        for (InetAddress address : addresses) {
            if (isPrivate(address)) {
                throw new CapabilityException("failed to requestIsAllowed: host " + host + " resolves to the private address "
                        + address.getHostAddress());
            }
        }
    }

    static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second < 128) || (first == 169 && second == 254)
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) || first >= 240;
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            return (first & 0xfe) == 0xfc;
        }
        return false;
    }
}
