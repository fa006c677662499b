package io.callbackconsole.ui.pending;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Times of day as the Pending view says them in passing ("as of 20:33"), in the operator's zone. */
final class ShortTimes {
    private static final DateTimeFormatter HOURS_MINUTES = DateTimeFormatter.ofPattern("HH:mm")
            .withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter WITH_SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private ShortTimes() {
    }

    static String hoursMinutes(Instant instant) {
        return HOURS_MINUTES.format(instant);
    }

    static String withSeconds(Instant instant) {
        return WITH_SECONDS.format(instant);
    }
}
