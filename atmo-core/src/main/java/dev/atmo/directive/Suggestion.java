package dev.atmo.directive;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean": the known word closest to a mistyped one (a key, a Runnable name, a flag), when it is close
 * enough to be the likely intent. Letters swapped, dropped, added or changed count one edit each; a word
 * differing only in case always matches.
 */
public final class Suggestion {

    private Suggestion() {
    }

    /** The closest of {@code known} to {@code given}, if any is within a few edits of it. */
    public static Optional<String> closest(String given, Collection<String> known) {
        String wanted = given.toLowerCase(Locale.ROOT);
        int allowed = wanted.length() <= 3 ? 1 : wanted.length() <= 8 ? 2 : 3;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            if (candidate.equals(given)) {
                continue;
            }
            int distance = distance(wanted, candidate.toLowerCase(Locale.ROOT));
            if (distance <= allowed && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code " (did you mean 'x'?)"} when there is a close match, else "". */
    public static String didYouMean(String given, Collection<String> known) {
        return closest(given, known).map(s -> " (did you mean '" + s + "'?)").orElse("");
    }

    /** Edits between two words: insertions, deletions, substitutions and swaps of neighbours. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
