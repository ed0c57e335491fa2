package io.floatip.net;

/** An edge could not be opened; the message is one line for an operator, with what to do. */
public class TransportException extends Exception {
    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
