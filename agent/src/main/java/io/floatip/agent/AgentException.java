package io.floatip.agent;

/** The agent cannot start; the message is one line that says why and what to do. */
public class AgentException extends Exception {
    public AgentException(String message) {
        super(message);
    }

    public AgentException(String message, Throwable cause) {
        super(message, cause);
    }
}
