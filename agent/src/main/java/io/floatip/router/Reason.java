package io.floatip.router;

import io.floatip.base.AddressText;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Objects;

/**
 * Why a router changed state: a code a program can act on, and the line an operator reads.
 *
 * @param detail the whole line, e.g. "master 198.51.100.12 silent for 341 ms"
 */
public record Reason(Code code, String detail) {
    public enum Code {
        /** No transition yet. */
        NOT_STARTED,
        /** RFC 9568 6.4.1: Startup, and leaving FAULT (listening again). */
        STARTUP,
        /** The address owner (priority 255) becomes master without listening. */
        ADDRESS_OWNER,
        /** RFC 9568 6.4.2/6.4.3: Shutdown. */
        SHUTDOWN,
        /** Master_Down_Timer with no master ever heard. */
        NO_ADVERT,
        /** Master_Down_Timer after the master went quiet. */
        MASTER_SILENT,
        /** Skew_Time after the master's priority 0 advert. */
        MASTER_STOPPED,
        /** Master_Down_Timer while preempting a lower-priority master. */
        PREEMPT,
        /** A master yields to a higher priority. */
        HIGHER_PRIORITY,
        /** A master yields to an equal priority from a higher address. */
        EQUAL_PRIORITY_HIGHER_ADDRESS,
        /** A master frozen longer than Master_Down_Interval steps down. */
        FROZEN,
        /** Its link or tracking put it in FAULT. */
        FAULT,
        /** Every fault is gone: listening again. */
        FAULT_CLEARED,
        /** A VIP could not be added: listening, and not preempting until the claim back-off ends. */
        CLAIM_FAILED,
        /** Its sync group moved it. */
        SYNC_GROUP,
        /** The operator drained it (floatip drain): a master hands over. */
        DRAINED;

        /** A metric- and JSON-friendly name: master_silent, fault_cleared, ... */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Reason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return detail;
    }

    static Reason preempting(InetAddress master, int itsPriority, int ours) {
        return new Reason(Code.PREEMPT, "preempting lower priority master " + AddressText.format(master) + " ("
                + itsPriority + " < " + ours + ")");
    }

    /** @param master null when it was never heard before its priority 0 */
    static Reason masterStopped(InetAddress master) {
        return new Reason(Code.MASTER_STOPPED, "master " + (master == null ? "" : AddressText.format(master) + " ")
                + "stopped (priority 0 advert), took over after Skew_Time");
    }

    static Reason noAdvert(long masterDownMillis) {
        return new Reason(Code.NO_ADVERT, "no advert heard for Master_Down_Interval " + masterDownMillis + " ms");
    }

    static Reason masterSilent(InetAddress master, long silentMillis) {
        return new Reason(Code.MASTER_SILENT, "master " + AddressText.format(master) + " silent for " + silentMillis
                + " ms");
    }

    /** A master yields to {@code winner}: a higher priority, or an equal one from a higher address. */
    static Reason yieldTo(InetAddress winner, int itsPriority, int ours) {
        return itsPriority > ours
                ? new Reason(Code.HIGHER_PRIORITY, "higher priority advert from " + AddressText.format(winner) + " ("
                + itsPriority + " > " + ours + ")")
                : new Reason(Code.EQUAL_PRIORITY_HIGHER_ADDRESS, "equal priority advert from higher address "
                + AddressText.format(winner));
    }
}
