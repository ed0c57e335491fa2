package io.floatip.lab;

/** A lab step failed: a command exited non-zero, or the caller asked for something the lab refuses. */
public class LabException extends RuntimeException {

    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
