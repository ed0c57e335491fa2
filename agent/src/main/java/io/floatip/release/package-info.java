/**
 * {@code floatip release}: after an agent died without handing over (SIGKILL, the OOM killer, systemd's
 * watchdog), take its VIPs off this node's interfaces, so that the node does not answer for an address the
 * new master now holds. {@link io.floatip.release.ReleasePlan} decides, from the config and the addresses the
 * interfaces have, which addresses are the config's own; the command does the netlink calls.
 */
package io.floatip.release;
