package io.floatip.doctor;

/** How a check went. Only FAIL makes {@code floatip doctor} exit 1: a WARN is worth reading, not blocking. */
public enum Status {
    OK, WARN, FAIL
}
