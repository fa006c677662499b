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

    private static final WindowWords.Phrase SECONDS = WindowWords.phrase("age.seconds");
    private static final WindowWords.Phrase MINUTES = WindowWords.phrase("age.minutes");
    private static final WindowWords.Phrase HOURS = WindowWords.phrase("age.hours");
    private static final WindowWords.Phrase DAYS = WindowWords.phrase("age.days");

    /** "42 s", "5 min", "3 h 12 min", "2 d 4 h". */
    public static String age(Instant since, Instant now) {
        if (since == null || now == null) {
            return "";
        }
        long seconds = Math.max(0, Duration.between(since, now).getSeconds());
        if (seconds < 60) {
            return SECONDS.format(seconds);
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return MINUTES.format(minutes);
        }
        long hours = minutes / 60;
        if (hours < 24) {
            return HOURS.format(hours, minutes % 60);
        }
        return DAYS.format(hours / 24, hours % 24);
    }
}
