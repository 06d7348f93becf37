package dev.atmo.directive;

import java.util.Optional;

/**
 * The errors Go's {@code net/url.Parse} reports, so a {@code serverAddress} fails validation exactly when it
 * failed in Atmo, with the same text ({@code parse "<url>": <reason>}). Go accepts almost anything.
 */
final class GoUrl {
    private static final String HOST_PUNCTUATION = "-_.~!$&'()*+,;=:[]<>\"";
    private static final String USERINFO_PUNCTUATION = "-._:~!$&'()*+,;=%@";

    private GoUrl() {
    }

    static Optional<String> parseError(String raw) {
        int hash = raw.indexOf('#');
        String url = hash < 0 ? raw : raw.substring(0, hash);
        Optional<String> error = parse(url).map(reason -> "parse " + quote(url) + ": " + reason);
        if (error.isEmpty() && hash >= 0) {
            error = badEscape(raw.substring(hash + 1)).map(reason -> "parse " + quote(raw) + ": " + reason);
        }
        return error;
    }

    private static Optional<String> parse(String url) {
        if (url.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.of("net/url: invalid control character in URL");
        }
        if (url.equals("*")) {
            return Optional.empty();
        }
        String scheme = "";
        String rest = url;
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (Character.isLetter(c) && c < 0x80) {
                continue;
            }
            if (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
                if (i == 0) {
                    break;
                }
                continue;
            }
            if (c == ':') {
                if (i == 0) {
                    return Optional.of("missing protocol scheme");
                }
                scheme = url.substring(0, i);
                rest = url.substring(i + 1);
            }
            break;
        }
        int question = rest.indexOf('?');
        if (question >= 0) {
            rest = rest.substring(0, question);
        }
        if (!rest.startsWith("/")) {
            if (!scheme.isEmpty()) {
                return Optional.empty();
            }
            int slash = rest.indexOf('/');
            String segment = slash < 0 ? rest : rest.substring(0, slash);
            if (segment.contains(":")) {
                return Optional.of("first path segment in URL cannot contain colon");
            }
        }
        if ((!scheme.isEmpty() || !rest.startsWith("///")) && rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            String authority = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
            rest = slash < 0 ? "" : rest.substring(slash);
            Optional<String> error = authority(authority);
            if (error.isPresent()) {
                return error;
            }
        }
        return badEscape(rest);
    }

    private static Optional<String> authority(String authority) {
        int at = authority.lastIndexOf('@');
        Optional<String> error = host(at < 0 ? authority : authority.substring(at + 1));
        if (error.isPresent() || at < 0) {
            return error;
        }
        String userinfo = authority.substring(0, at);
        for (char c : userinfo.toCharArray()) {
            if (!(Character.isLetterOrDigit(c) && c < 0x80) && USERINFO_PUNCTUATION.indexOf(c) < 0) {
                return Optional.of("net/url: invalid userinfo");
            }
        }
        return badEscape(userinfo);
    }

    private static Optional<String> host(String host) {
        String colonPort = "";
        if (host.startsWith("[")) {
            int close = host.lastIndexOf(']');
            if (close < 0) {
                return Optional.of("missing ']' in host");
            }
            colonPort = host.substring(close + 1);
        } else if (host.lastIndexOf(':') >= 0) {
            colonPort = host.substring(host.lastIndexOf(':'));
        }
        if (!colonPort.isEmpty() && (colonPort.charAt(0) != ':'
                || !colonPort.substring(1).chars().allMatch(c -> c >= '0' && c <= '9'))) {
            return Optional.of("invalid port " + quote(colonPort) + " after host");
        }
        Optional<String> escape = badEscape(host);
        if (escape.isPresent()) {
            return escape;
        }
        for (char c : host.toCharArray()) {
            if (c < 0x80 && !Character.isLetterOrDigit(c) && HOST_PUNCTUATION.indexOf(c) < 0 && c != '%') {
                return Optional.of("invalid character " + quote(String.valueOf(c)) + " in host name");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> badEscape(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '%') {
                if (i + 2 >= s.length() || !isHex(s.charAt(i + 1)) || !isHex(s.charAt(i + 2))) {
                    String bad = s.substring(i, Math.min(s.length(), i + 3));
                    return Optional.of("invalid URL escape " + quote(bad));
                }
                i += 2;
            }
        }
        return Optional.empty();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0 && c < 0x80;
    }

    /** Go's {@code %q} for the characters a URL can hold. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
