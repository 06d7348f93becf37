package dev.atmo.http;

import java.util.Locale;

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

    public static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
