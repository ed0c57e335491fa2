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

    /**
     * Puts the JVM's "VM Thread" in SCHED_RR at {@code priority} too. It runs every stop-the-world pause (with
     * the serial collector, the collection itself), during which a real-time loop waits for it: at an ordinary
     * priority on a busy machine a 1 ms young collection stretched to 17 ms and a full one to 240 ms
     * (HardeningTest's silent clients at a load of 15 on 2 cores), and the adverts waited as long. Null on
     * success or when {@code priority} is 0, else why not.
     */
    public static String applyToVmThread(int priority) {
        if (priority <= 0) {
            return null;
        }
        java.nio.file.Path tasks = java.nio.file.Path.of("/proc/self/task");
        try (var dirs = java.nio.file.Files.list(tasks)) {
            for (java.nio.file.Path task : (Iterable<java.nio.file.Path>) dirs::iterator) {
                String comm;
                try {
                    comm = java.nio.file.Files.readString(task.resolve("comm")).strip();
                } catch (java.io.IOException gone) {
                    continue; // a thread that ended meanwhile
                }
                if (comm.equals("VM Thread")) {
                    int tid = Integer.parseInt(task.getFileName().toString());
                    if (LibC.INSTANCE.sched_setscheduler(tid, LibC.SCHED_RR, new int[]{priority}) == 0) {
                        return null;
                    }
                    return "cannot use real-time priority " + priority + " for the JVM's VM Thread (its pauses "
                            + "stop the loop): " + Errno.name(Native.getLastError());
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return "cannot find the JVM's VM Thread in " + tasks + ": " + e.getMessage();
        }
        return "no thread named 'VM Thread' in " + tasks + "; the JVM's pauses run at an ordinary priority";
    }
}
