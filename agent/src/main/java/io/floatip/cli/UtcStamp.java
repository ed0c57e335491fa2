package io.floatip.cli;

/**
 * An instant as ISO 8601 in UTC to the millisecond, "2026-11-21T15:40:28.671Z", written into bytes with
 * integer arithmetic only. The log's timestamps used to come from slf4j-simple's SimpleDateFormat, which
 * loads java.text, the locale providers and the time-zone database (about 120 classes and a thousand Locale
 * objects, resident in every agent) to print the same 24 characters.
 */
final class UtcStamp {
    static final int LENGTH = 24;

    private UtcStamp() {
    }

    /** Writes LENGTH bytes at {@code at}. Years 0000 to 9999. */
    static void write(long epochMillis, byte[] into, int at) {
        long days = Math.floorDiv(epochMillis, 86_400_000L);
        int millisOfDay = (int) Math.floorMod(epochMillis, 86_400_000L);
        // Civil date from days since 1970-01-01 (proleptic Gregorian), counting eras of 400 years that start
        // on 0000-03-01, so that February, with its leap day, is the last month of a year.
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        int dayOfEra = (int) (z - era * 146_097);
        int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        int shiftedMonth = (5 * dayOfYear + 2) / 153; // 0 = March
        int day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1;
        int month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);

        digits(year, 4, into, at);
        into[at + 4] = '-';
        digits(month, 2, into, at + 5);
        into[at + 7] = '-';
        digits(day, 2, into, at + 8);
        into[at + 10] = 'T';
        digits(millisOfDay / 3_600_000, 2, into, at + 11);
        into[at + 13] = ':';
        digits(millisOfDay / 60_000 % 60, 2, into, at + 14);
        into[at + 16] = ':';
        digits(millisOfDay / 1000 % 60, 2, into, at + 17);
        into[at + 19] = '.';
        digits(millisOfDay % 1000, 3, into, at + 20);
        into[at + 23] = 'Z';
    }

    static String format(long epochMillis) {
        byte[] b = new byte[LENGTH];
        write(epochMillis, b, 0);
        return new String(b, java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static void digits(long value, int width, byte[] into, int at) {
        for (int i = at + width - 1; i >= at; i--) {
            into[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }
}
