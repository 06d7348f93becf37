package dev.atmo.directive;

import java.time.Duration;

/** How often a schedule runs; the period is the sum of all parts. */
public record Every(int seconds, int minutes, int hours, int days) {

    public static final Every NEVER = new Every(0, 0, 0, 0);

    public Duration period() {
        return Duration.ofSeconds(seconds).plusMinutes(minutes).plusHours(hours).plusDays(days);
    }

    /** Whether no part is set, which validation rejects. */
    public boolean isEmpty() {
        return seconds == 0 && minutes == 0 && hours == 0 && days == 0;
    }
}
