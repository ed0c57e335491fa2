package io.floatip.router;

import java.net.InetAddress;

/**
 * What a backup has heard that explains why its Master_Down_Timer will make it master: a lower-priority master
 * it is preempting, a master that said it stops (priority 0), or just silence. Loop thread only.
 */
final class TakeoverCause {
    /** The lower-priority master about to be preempted, or null. */
    private InetAddress preempted;
    private int preemptedPriority;
    /** The master said it is stopping (priority 0). */
    private boolean masterStopped;
    /** When the master last sent an advert the backup followed. */
    private long lastAdvertAt;

    void clear() {
        preempted = null;
        masterStopped = false;
    }

    /** A priority 0 advert. */
    void masterStopped() {
        masterStopped = true;
    }

    /** A master's advert that the backup follows: neither stopping nor preempted. */
    void following(long now) {
        clear();
        lastAdvertAt = now;
    }

    /** A lower advert discarded to preempt; returns whether it is the first since the cause was cleared. */
    boolean preempting(InetAddress source, int priority) {
        boolean first = preempted == null;
        masterStopped = false;
        preempted = source;
        preemptedPriority = priority;
        return first;
    }

    /** @param master the master last heard, or null; @param masterDownInterval nanoseconds */
    Reason reason(int ourPriority, InetAddress master, long now, long masterDownInterval) {
        if (preempted != null) {
            return Reason.preempting(preempted, preemptedPriority, ourPriority);
        }
        if (masterStopped) {
            return Reason.masterStopped(master);
        }
        return master == null ? Reason.noAdvert(masterDownInterval / 1_000_000)
                : Reason.masterSilent(master, (now - lastAdvertAt) / 1_000_000);
    }
}
