package dev.atmo.request;

import java.util.Locale;
import java.util.Set;

/** Header-name spellings: Go's canonical form ({@code content-type} → {@code Content-Type}) and lower case. */
public final class HeaderNames {
    private HeaderNames() {
    }

    /** Go's {@code CanonicalMIMEHeaderKey}: names with characters outside a token are returned unchanged. */
    public static String canonical(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ' ' || c > 0x7e || c < 0x21 || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
                return name;
            }
        }
        if (isCanonical(name)) {
            return name;
        }
        StringBuilder out = new StringBuilder(name.length());
        boolean upper = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return out.toString();
    }

    /** Already spelled canonically: the common case on the request path, answered without a copy. */
    private static boolean isCanonical(String name) {
        boolean upper = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != (upper ? Character.toUpperCase(c) : Character.toLowerCase(c))) {
                return false;
            }
            upper = c == '-';
        }
        return true;
    }

    /**
     * Framing and hop-by-hop headers: the server sets them from how it sends the response, so a value from a
     * Runnable could only make the framing lie (two lengths, a length and chunking) or steer the connection.
     */
    private static final Set<String> SERVER_OWNED = Set.of("content-length", "transfer-encoding", "connection",
            "keep-alive", "proxy-connection", "te", "trailer", "upgrade");

    /** True for headers only the server may set on a response ({@code Content-Length}, {@code Connection}, ...). */
    public static boolean serverOwned(String name) {
        return SERVER_OWNED.contains(lower(name));
    }

    /** A header name HTTP allows: a non-empty token (no spaces, colons, control or non-ASCII characters). */
    public static boolean validName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** A header value HTTP allows: no control characters but the horizontal tab (so no CR, LF or NUL). */
    public static boolean validValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** The text with control characters shown as escapes, so a hostile name cannot break a log line. */
    public static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    public static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
