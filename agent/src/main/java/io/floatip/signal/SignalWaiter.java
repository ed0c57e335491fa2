package io.floatip.signal;

import com.sun.jna.Memory;
import io.floatip.os.LibCDirect;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that takes the agent's signals with sigwaitinfo, one at a time, and runs each one's action on
 * itself: no thread is started per signal. Only sound while every thread of the process blocks the signals
 * (else the kernel may hand one to a thread that does not, and its default action ends the process):
 * {@link Signals} checks that first.
 */
final class SignalWaiter implements Runnable {
    static final String THREAD_NAME = "floatip-signals";

    private final Map<Integer, Runnable> actions;
    private final Memory set = new Memory(LibCDirect.SIGSET_BYTES);

    SignalWaiter(Map<Integer, Runnable> actions) {
        this.actions = Map.copyOf(actions);
        LibCDirect.sigemptyset(set);
        for (int signal : this.actions.keySet()) {
            LibCDirect.sigaddset(set, signal);
        }
    }

    Thread start() {
        Thread t = new Thread(this, THREAD_NAME);
        t.setDaemon(true); // it never ends by itself; the stop action counts down the latch main waits on
        t.start();
        return t;
    }

    @Override
    public void run() {
        while (true) {
            int signal = LibCDirect.sigwaitinfo(set, null);
            Runnable action = actions.get(signal);
            if (action == null) {
                continue; // -1: EINTR (a JVM-internal handler ran on this thread); nothing was taken
            }
            try {
                action.run();
            } catch (RuntimeException | Error e) {
                log().error("signal {}: {}", signal, e.toString());
            }
        }
    }

    private static Logger log() {
        return LoggerFactory.getLogger("floatip");
    }
}
