package io.floatip.agent;

import io.floatip.status.Refusal;
import io.floatip.status.Refusals;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What an agent does when the JVM cannot go on (an OutOfMemoryError, an InternalError): hand over as a
 * stopping agent would, priority 0 and the VIPs removed, then exit 3, so the backup takes over after
 * Skew_Time and no VIP stays on a node that no longer advertises. Replaces -XX:+ExitOnOutOfMemoryError, which
 * exited with the VIP still configured (issue 16).
 *
 * <p>Prepared at start: a reserve of heap is freed first, so the hand-over's few allocations can succeed;
 * the hand-over runs on the failing thread and needs neither the loop nor any other thread. A
 * StackOverflowError is not fatal: the thread that caught it carries on (it is counted).
 */
public final class LastResort {
    /**
     * Heap kept for the hand-over, freed the moment memory runs out. The hand-over's frames are made at start,
     * so it allocates little; 256 KiB because the array is zeroed, hence resident (2 MiB cost 2 MiB of RSS).
     */
    private static final int RESERVE_BYTES = 256 << 10;
    private static volatile byte[] reserve = new byte[RESERVE_BYTES];
    private static volatile Agent agent;
    private static final AtomicBoolean RUNNING = new AtomicBoolean();
    /** Tests replace the exit. */
    static volatile Runnable halt = () -> Runtime.getRuntime().halt(3);
    private static final String LINE = "floatip: fatal error, handed over (priority 0 sent, VIPs removed); exiting 3: ";

    private LastResort() {
    }

    /** From now on a fatal Error on any thread hands {@code a} over before the process exits. */
    public static void arm(Agent a) {
        agent = a;
        Thread.setDefaultUncaughtExceptionHandler(LastResort::uncaught);
    }

    /** Whether {@code e} leaves the JVM unfit to go on. */
    static boolean fatal(Throwable e) {
        return e instanceof VirtualMachineError && !(e instanceof StackOverflowError);
    }

    static void uncaught(Thread t, Throwable e) {
        if (fatal(e)) {
            run(e);
            return;
        }
        if (e instanceof StackOverflowError) {
            Refusals.count(Refusal.ERROR_SURVIVED);
        }
        System.err.println("floatip: thread " + t.getName() + " ended: " + e);
    }

    /** Hands over and exits; only the first caller does it, the others wait for the exit. */
    public static void run(Throwable e) {
        reserve = null;
        if (!RUNNING.compareAndSet(false, true)) {
            return;
        }
        try {
            Agent a = agent;
            if (a != null) {
                a.lastResort();
            }
        } catch (Throwable ignored) {
            // Whatever is left of the hand-over is lost; the exit must still happen.
        }
        try {
            System.err.println(LINE + e);
        } catch (Throwable ignored) {
            // no memory even for the line
        }
        halt.run();
    }

    /** For tests: ready for another run. */
    static void reset() {
        RUNNING.set(false);
        reserve = new byte[RESERVE_BYTES];
    }
}
