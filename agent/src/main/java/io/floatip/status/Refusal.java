package io.floatip.status;

/**
 * What the agent refused from a file, a socket client or a config, and why: one counter each (see
 * {@link Refusals}), shown by `floatip status --json` and as {@code floatip_refusals_total{what=...}}.
 */
public enum Refusal {
    /** A tracked file that is not a regular file (a FIFO, a device, a directory): read as 0. */
    TRACK_FILE_NOT_REGULAR("track_file_not_regular"),
    /** A tracked file larger than {@code TrackedFileReader.MAX_BYTES}: read as 0. */
    TRACK_FILE_TOO_BIG("track_file_too_big"),
    /** A tracked file that could not be opened or read (missing is not counted: it is a normal 0). */
    TRACK_FILE_UNREADABLE("track_file_unreadable"),
    /** A tracked file whose first word is not a whole number: read as 0, as keepalived's strtol gives. */
    TRACK_FILE_NOT_A_NUMBER("track_file_not_a_number"),
    /** A number outside the int range (as keepalived): ignored, the last value kept. */
    TRACK_FILE_OUT_OF_RANGE("track_file_out_of_range"),
    /** A control socket client beyond the connection cap: closed at once. */
    CONTROL_OVER_CAP("control_over_cap"),
    /** A control socket client that sent no complete request line in time: closed. */
    CONTROL_TIMEOUT("control_timeout"),
    /** A control socket request line longer than allowed. */
    CONTROL_TOO_LONG("control_too_long"),
    /** A metrics client beyond the connection cap: closed at once. */
    METRICS_OVER_CAP("metrics_over_cap"),
    /** A metrics client that sent no complete request head in time (slowloris): closed. */
    METRICS_TIMEOUT("metrics_timeout"),
    /** A metrics request head longer than allowed. */
    METRICS_TOO_LONG("metrics_too_long"),
    /** A notify_fifo line dropped: its queue was full or the FIFO's buffer was (no reader). */
    NOTIFY_FIFO_DROPPED("notify_fifo_dropped"),
    /** The notify_fifo_script exited (or could not start) while the agent ran: started again after a back-off. */
    NOTIFY_FIFO_SCRIPT_EXITED("notify_fifo_script_exited"),
    /** A config refused by a reload because it is too big or nested too deep. */
    CONFIG_TOO_BIG("config_too_big"),
    /** An Error (StackOverflowError...) caught on a thread that then carried on. */
    ERROR_SURVIVED("error_survived");

    private final String key;

    Refusal(String key) {
        this.key = key;
    }

    /** The name in status and metrics. */
    public String key() {
        return key;
    }
}
