package io.floatip.router;

/** RFC 9568 6.4 states, plus FAULT (keepalived's: the interface is down, so the router cannot take part). */
public enum State {
    INIT, BACKUP, MASTER, FAULT
}
