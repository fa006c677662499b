package io.callbackconsole.ui.common;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How times and ages read on screen: local time for people, durations short. */
public final class Formats {
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private Formats() {
    }

    public static String localTime(Instant instant) {
        return instant == null ? "" : LOCAL_TIME.format(instant);
    }

    /** "42 s", "5 min", "3 h 12 min", "2 d 4 h". */
    public static String age(Instant since, Instant now) {
        if (since == null || now == null) {
            return "";
        }
        long seconds = Math.max(0, Duration.between(since, now).getSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        if (hours < 24) {
            return hours + " h " + (minutes % 60) + " min";
        }
        return (hours / 24) + " d " + (hours % 24) + " h";
    }
}
