/**
 * How the agent takes its signals. In the launcher's sigwait mode java starts with SIGTERM, SIGINT, SIGHUP
 * and SIGQUIT blocked and with {@code -Xrs}, so no thread of the JVM takes them, and one thread of ours waits
 * for them in {@code sigwaitinfo}: a SIGTERM reaches the hand-over without the JVM's signal thread, which
 * starts a new Java thread for every signal. Otherwise the JVM's handlers ({@code sun.misc.Signal}), as before.
 *
 * <p>Signal numbers and {@code sigset_t}'s size are Linux's (x86_64 and aarch64 share them).
 */
package io.floatip.signal;
