package io.floatip.control;

import io.floatip.status.AgentStatus;

/**
 * What the control socket asks the agent. Called on the control server's own thread, one request at a time;
 * an implementation hops to its event loop itself. An exception becomes an {@code {"error": ...}} reply.
 */
public interface ControlHandler {

    /** A snapshot of the whole agent. */
    AgentStatus status() throws Exception;

    /** Re-reads the config and applies it, or keeps the running one and says why. */
    ReloadResult reload() throws Exception;

    /** Drains ({@code on}) or undrains the named instances, every instance when none is named. */
    default DrainResult drain(java.util.List<String> instances, boolean on) throws Exception {
        throw new UnsupportedOperationException("this agent cannot drain");
    }
}
