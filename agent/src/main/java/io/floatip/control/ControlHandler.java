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
}
