package io.floatip.track;

import io.floatip.status.Refusal;

/**
 * What one read of a tracked file gave: a value to use, or none (keep the last one), and whether the file was
 * refused and why. Immutable.
 *
 * @param value   the number to use; null to keep the last value (a number out of range, as keepalived ignores it)
 * @param refused what was wrong with the file, or null when it was read as it should be
 * @param why     one line for the log, e.g. "is a FIFO, not a regular file"; "" when all is well
 */
public record FileReading(Long value, Refusal refused, String why) {

    static FileReading of(long value) {
        return new FileReading(value, null, "");
    }

    /** A file that cannot be used counts as 0, as keepalived counts a file it cannot open or read. */
    static FileReading zero(Refusal refused, String why) {
        return new FileReading(0L, refused, why);
    }

    static FileReading ignored(Refusal refused, String why) {
        return new FileReading(null, refused, why);
    }
}
