/**
 * The netlink edge: NETLINK_ROUTE through JNA, straight to libc.
 *
 * <ul>
 *   <li>{@link io.floatip.net.Netlink} adds, removes and lists addresses and reads link state.</li>
 *   <li>{@link io.floatip.net.LinkMonitor} reports link changes as they happen.</li>
 * </ul>
 *
 * <p>A netlink socket works in the network namespace of the thread that opened it, so both
 * classes see the namespace of the thread that creates them, whichever thread calls them later.
 *
 * <p>Netlink messages are in host byte order; they are built and parsed in
 * {@link java.nio.ByteOrder#nativeOrder()}. The byte-level tests assume little-endian hosts
 * (x86_64, aarch64), as do the errno and constant tables (Linux generic ABI).
 */
package io.floatip.net;
