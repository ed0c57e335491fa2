/**
 * {@code floatip doctor}: checks a host before failover day. Each check is pure over {@link
 * io.floatip.doctor.HostFacts}, the seam for everything read from /proc, /sys and the network, so unit tests run
 * every check on made-up facts; {@link io.floatip.doctor.LocalHostFacts} is the real machine.
 */
package io.floatip.doctor;
