package dev.atmo.directive;

/**
 * Go's {@code golang.org/x/mod/semver.IsValid}, which Atmo applies to {@code appVersion} and
 * {@code atmoVersion}: a leading {@code v}, then {@code MAJOR}, {@code MAJOR.MINOR} or
 * {@code MAJOR.MINOR.PATCH} without leading zeros; only the full form may carry {@code -prerelease} and
 * {@code +build}.
 */
final class GoSemver {
    private GoSemver() {
    }

    static boolean isValid(String version) {
        if (version.isEmpty() || version.charAt(0) != 'v') {
            return false;
        }
        int at = 0;
        for (int part = 0; part < 3; part++) {
            at = number(version, at + 1);
            if (at < 0) {
                return false;
            }
            if (at == version.length()) {
                return true;
            }
            if (part < 2 && version.charAt(at) != '.') {
                return false;
            }
        }
        if (version.charAt(at) == '-') {
            at = identifiers(version, at + 1, true);
            if (at < 0) {
                return false;
            }
        }
        if (at < version.length() && version.charAt(at) == '+') {
            at = identifiers(version, at + 1, false);
            if (at < 0) {
                return false;
            }
        }
        return at == version.length();
    }

    /** Reads a numeric part from {@code start}; returns where it ends, or -1 if there is none or it has a leading zero. */
    private static int number(String s, int start) {
        int end = start;
        while (end < s.length() && isDigit(s.charAt(end))) {
            end++;
        }
        if (end == start || s.charAt(start) == '0' && end - start > 1) {
            return -1;
        }
        return end;
    }

    /**
     * Reads dot-separated identifiers of {@code [0-9A-Za-z-]}, none empty; pre-release identifiers that are
     * numeric must not have leading zeros. A pre-release ends at {@code +}; a build runs to the end.
     */
    private static int identifiers(String s, int start, boolean prerelease) {
        int at = start;
        int partStart = start;
        while (at < s.length() && !(prerelease && s.charAt(at) == '+')) {
            char c = s.charAt(at);
            if (c == '.') {
                if (partStart == at || prerelease && isBadNumber(s.substring(partStart, at))) {
                    return -1;
                }
                partStart = at + 1;
            } else if (!isIdentChar(c)) {
                return -1;
            }
            at++;
        }
        if (partStart == at || prerelease && isBadNumber(s.substring(partStart, at))) {
            return -1;
        }
        return at;
    }

    private static boolean isBadNumber(String part) {
        return part.length() > 1 && part.charAt(0) == '0' && part.chars().allMatch(c -> isDigit((char) c));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentChar(char c) {
        return isDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-';
    }
}
