package io.floatip.track;

import java.util.ArrayList;
import java.util.List;

/**
 * A tracked thing that is up or down (a check script, a process) and tells its listeners on each change, so an
 * instance follows any of them the same way. Loop thread only.
 */
public abstract class UpDown {

    /** Called on the loop thread when the thing comes up or goes down. */
    public interface Listener {
        void changed(UpDown thing);
    }

    private final List<Listener> listeners = new ArrayList<>();

    public abstract String name();

    public abstract boolean up();

    /** What the change's line says after "is up" or "is down", e.g. ", 0 running (quorum 1)"; empty for nothing. */
    public String detail() {
        return "";
    }

    public final void addListener(Listener l) {
        listeners.add(l);
    }

    public final void removeListener(Listener l) {
        listeners.remove(l);
    }

    /** Tells every listener; a listener may remove itself meanwhile. */
    protected final void changed() {
        for (Listener l : List.copyOf(listeners)) {
            l.changed(this);
        }
    }
}
