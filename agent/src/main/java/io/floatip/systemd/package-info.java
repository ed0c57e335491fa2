/**
 * Living under systemd: {@link io.floatip.systemd.SdNotify} tells the service manager when the agent is ready,
 * reloading or stopping, what it is doing, and that its event loop is alive (the watchdog).
 *
 * <p>No libsystemd: the notification protocol is one datagram per message on an AF_UNIX socket named by
 * {@code $NOTIFY_SOCKET}, which JDK 17 cannot send (it has AF_UNIX streams only), so the few libc calls go
 * through JNA. Constants and struct layouts are Linux's (x86_64 and aarch64 share them).
 */
package io.floatip.systemd;
