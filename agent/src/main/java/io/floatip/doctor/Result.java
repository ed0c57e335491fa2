package io.floatip.doctor;

import java.util.Objects;

/**
 * One line of the doctor's report.
 *
 * @param check  what was looked at, e.g. "interface eth0"
 * @param detail what was found
 * @param fix    what to do about it; null for OK
 */
public record Result(Status status, String check, String detail, String fix) {

    public Result {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(detail, "detail");
    }

    public static Result ok(String check, String detail) {
        return new Result(Status.OK, check, detail, null);
    }

    public static Result warn(String check, String detail, String fix) {
        return new Result(Status.WARN, check, detail, fix);
    }

    public static Result fail(String check, String detail, String fix) {
        return new Result(Status.FAIL, check, detail, fix);
    }

    /** {@code STATUS  check: detail; fix: ...}, the status padded so the checks line up. */
    public String line() {
        return String.format("%-4s  %s: %s%s", status, check, detail, fix == null ? "" : "; fix: " + fix);
    }
}
