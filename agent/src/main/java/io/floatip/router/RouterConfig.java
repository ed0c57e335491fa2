package io.floatip.router;

import java.net.InetAddress;

/**
 * What a router needs to know about itself: the static part of an instance.
 *
 * @param name                   the instance name, for logs
 * @param vrid                   Virtual Rtr ID
 * @param version                2 or 3
 * @param priority               configured priority, 1..255
 * @param advertIntervalCentis   Advertisement_Interval in centiseconds
 * @param preempt                Preempt_Mode
 * @param preemptDelayNanos      keepalived's preempt_delay: after (re)start, wait this long before preempting
 * @param primaryAddress         our IPvX primary address on the interface, used to break ties
 * @param fastPreempt            not in RFC 9568: preempt a lower-priority master Skew_Time after its first
 *                               advert instead of letting Master_Down_Interval run out
 */
public record RouterConfig(String name, int vrid, int version, int priority, int advertIntervalCentis,
                           boolean preempt, long preemptDelayNanos, InetAddress primaryAddress,
                           boolean fastPreempt) {

    /** The RFC's behaviour: preemption waits for Master_Down_Interval. */
    public RouterConfig(String name, int vrid, int version, int priority, int advertIntervalCentis,
                        boolean preempt, long preemptDelayNanos, InetAddress primaryAddress) {
        this(name, vrid, version, priority, advertIntervalCentis, preempt, preemptDelayNanos, primaryAddress, false);
    }
}
