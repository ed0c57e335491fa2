package io.floatip.control;

/** Talking to the agent failed; the message is one line meant for the operator, printed as is. */
public final class ControlException extends Exception {

    public ControlException(String message) {
        super(message);
    }

    public ControlException(String message, Throwable cause) {
        super(message, cause);
    }
}
