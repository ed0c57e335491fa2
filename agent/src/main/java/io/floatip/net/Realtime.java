package io.floatip.net;

import com.sun.jna.Native;
import io.floatip.os.LibC;

/**
 * Real-time scheduling for the threads that carry VRRP's timing, as keepalived's vrrp_rt_priority: under a
 * busy CPU an ordinary thread can wait tens of milliseconds for a core, longer than a 10 ms advert interval's
 * Skew_Time. SCHED_RR lets the loop and the captures run before ordinary work. Needs CAP_SYS_NICE.
 */
public final class Realtime {
    private Realtime() {
    }

    /**
     * The calling thread's timed waits end when asked, not up to 50 us later (the kernel's default slack,
     * which lets it batch wake-ups; an ordinary thread's). For the event loop, whose waits are VRRP's timers.
     * Best effort: a failure leaves the default.
     */
    public static void preciseTimers() {
        LibC.INSTANCE.prctl(LibC.PR_SET_TIMERSLACK, 1, 0, 0, 0);
    }

    /** Puts the calling thread in SCHED_RR at {@code priority}; null on success, else why not (one line). */
    public static String applyToCurrentThread(int priority) {
        if (priority <= 0) {
            return null;
        }
        if (LibC.INSTANCE.sched_setscheduler(0, LibC.SCHED_RR, new int[]{priority}) == 0) {
            return null;
        }
        int errno = Native.getLastError();
        return "cannot use real-time priority " + priority + " for " + Thread.currentThread().getName() + ": "
                + Errno.name(errno) + (errno == Errno.EPERM ? " (needs CAP_SYS_NICE, or root)" : "");
    }
}
