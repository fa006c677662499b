package io.callbackconsole.ui.pending;

import io.callbackconsole.ui.common.WindowWords;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a step may wait before the window calls it overdue: a lost callback hangs its pipeline forever and nothing
 * else alarms. The row says so in words (not by colour alone) and the window notifies once when a token crosses it.
 */
public record AgeAlarm(Duration after) {
    /** Half an hour: longer than a reviewer's usual turn-around, short of a pipeline's usual time-outs. */
    public static final AgeAlarm DEFAULT = new AgeAlarm(Duration.ofMinutes(30));

    public AgeAlarm {
        Objects.requireNonNull(after, "after");
        if (after.isNegative() || after.isZero()) {
            throw new IllegalArgumentException("An age alarm needs a positive duration, not " + after);
        }
    }

    public boolean over(PendingRow row) {
        return row.waitedFor().compareTo(after) >= 0;
    }

    /** "over 30 min". */
    public String text() {
        long minutes = after.toMinutes();
        return minutes >= 120 && minutes % 60 == 0 ? WindowWords.text("alarm.overHours", minutes / 60)
                : minutes >= 1 ? WindowWords.text("alarm.overMinutes", minutes)
                : WindowWords.text("alarm.overSeconds", after.toSeconds());
    }
}
