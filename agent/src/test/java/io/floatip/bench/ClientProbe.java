package io.floatip.bench;

import io.floatip.lab.Host;
import io.floatip.lab.Lab;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The client's view: {@link EchoSender} sends an echo request to the VIP every 2 ms on a fixed schedule,
 * answered or not, through the client's own kernel, ARP cache and all, so a gratuitous ARP moves it as it
 * would move a real client; tcpdump in the client's namespace records each echo reply with the kernel's
 * receive timestamp and the answering node's MAC. It sends a bounded count (an hour's worth), so it stops by
 * itself even if nothing else stops it.
 */
final class ClientProbe {
    static final int PERIOD_MICROS = 2000;

    private final Host client;
    private long[] times = new long[1 << 16];
    private int[] macs = new int[1 << 16];
    private int size;
    private long[] sentTimes = new long[1 << 16];
    private int[] sentSeqs = new int[1 << 16];
    private int[] seqs = new int[1 << 16];
    private int sent;
    private Process sender;
    private final List<String> senderSaid = new java.util.concurrent.CopyOnWriteArrayList<>();

    private ClientProbe(Host client) {
        this.client = client;
    }

    static ClientProbe start(Host client, String vip, Duration deadline) {
        ClientProbe probe = new ClientProbe(client);
        boolean[] listening = new boolean[1];
        client.start(List.of("tcpdump", "-l", "-n", "-e", "-tt", "-i", client.iface(),
                "(icmp[icmptype] == icmp-echoreply and src host " + vip + ") or (icmp[icmptype] == icmp-echo and dst host "
                        + vip + ")"), line -> {
                    if (line.contains("listening on")) {
                        synchronized (listening) {
                            listening[0] = true;
                        }
                    }
                    probe.line(line);
                });
        Lab.await(Duration.ofSeconds(10), () -> {
            synchronized (listening) {
                return listening[0];
            }
        }, "tcpdump in the client to listen");
        probe.sender = client.start(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xmx16m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                EchoSender.class.getName(), vip, Integer.toString(PERIOD_MICROS),
                Long.toString(Math.max(10, deadline.toSeconds()) * 1_000_000 / PERIOD_MICROS)), probe.senderSaid::add);
        return probe;
    }

    private void line(String line) {
        // "1763724753.123456 02:00:00:00:00:11 > 02:00:00:00:00:99, ethertype IPv4 (0x0800), length 58: ..."
        int sp = line.indexOf(' ');
        if (sp < 0) {
            return;
        }
        long t = Clock.tcpdumpTimestamp(line.substring(0, sp));
        int sp2 = line.indexOf(' ', sp + 1);
        if (t < 0 || sp2 < 0) {
            return;
        }
        int mac = macId(line.substring(sp + 1, sp2));
        int seq = seq(line);
        synchronized (this) {
            if (line.contains("echo request")) {
                if (sent == sentTimes.length) {
                    sentTimes = Arrays.copyOf(sentTimes, sent * 2);
                    sentSeqs = Arrays.copyOf(sentSeqs, sent * 2);
                }
                sentTimes[sent] = t;
                sentSeqs[sent] = seq;
                sent++;
                return;
            }
            if (size == times.length) {
                times = Arrays.copyOf(times, size * 2);
                macs = Arrays.copyOf(macs, size * 2);
                seqs = Arrays.copyOf(seqs, size * 2);
            }
            times[size] = t;
            macs[size] = mac;
            seqs[size] = seq;
            size++;
        }
    }

    /** The echo's sequence number ("..., seq 1412, length 24"); -1 if the line has none. */
    static int seq(String line) {
        int at = line.indexOf(", seq ");
        if (at < 0) {
            return -1;
        }
        int from = at + 6;
        int to = from;
        while (to < line.length() && Character.isDigit(line.charAt(to))) {
            to++;
        }
        return to > from ? Integer.parseInt(line.substring(from, to)) : -1;
    }

    /** The last octet of a MAC, which the lab makes distinct per node; -1 if it is not a MAC. */
    static int macId(String mac) {
        String[] parts = mac.split(":");
        if (parts.length != 6) {
            return -1;
        }
        try {
            return Integer.parseInt(parts[5], 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The first reply at or after {@code since} from {@code mac}; -1 if none yet. */
    synchronized long firstFrom(String mac, long since) {
        int id = macId(mac);
        for (int i = indexAtOrAfter(since); i < size; i++) {
            if (macs[i] == id) {
                return times[i];
            }
        }
        return -1;
    }

    /** Whether every reply in the last {@code window} micros came from {@code mac}, and there was at least one. */
    synchronized boolean answeredOnlyBy(String mac, long window) {
        long now = Clock.nowMicros();
        int id = macId(mac);
        int from = indexAtOrAfter(now - window);
        if (from >= size) {
            return false;
        }
        for (int i = from; i < size; i++) {
            if (macs[i] != id) {
                return false;
            }
        }
        return true;
    }

    /**
     * The silence the client saw before its first answer from the new holder (at {@code answered}): the time
     * since the reply before it, from whichever node. With the old holder gone at the event that is the whole
     * outage; when the old holder answered until the handover, it is the handover's own gap. It includes up to
     * one probe period (2 ms). -1 if there is no reply before it in the {@code window} micros before the event
     * (then the client was not being answered to begin with).
     */
    synchronized long silenceBefore(long answered, long event, long window) {
        int i = indexAtOrAfter(answered);
        if (i <= 0 || i >= size || times[i - 1] < event - window) {
            return -1;
        }
        return times[i] - times[i - 1];
    }

    /**
     * The silences between {@code from} and {@code to} (µs): every gap between two consecutive replies longer than
     * {@code over}, the first measured from the last reply before {@code from}. Returns {longest, total}; the
     * total counts each such gap less one probe period (the time it would take anyway).
     */
    synchronized long[] silences(long from, long to, long over) {
        int i = indexAtOrAfter(from);
        long prev = i > 0 ? times[i - 1] : from;
        long longest = 0;
        long total = 0;
        for (; i < size && times[i] <= to; i++) {
            long gap = times[i] - prev;
            if (gap > over) {
                longest = Math.max(longest, gap);
                total += gap - PERIOD_MICROS;
            }
            prev = times[i];
        }
        if (to - prev > over) { // still silent at the end of the window
            longest = Math.max(longest, to - prev);
            total += to - prev;
        }
        return new long[] {longest, total};
    }

    /**
     * The runs of unanswered probes sent between {@code from} and {@code to} (µs): each as {first unanswered
     * probe's send stamp, time from it to the next answered probe's send stamp (or to {@code to}), probes lost}.
     * Unlike the gaps between replies this counts only probes that were sent: a sender held off the CPU makes a
     * gap between replies but loses nothing. A probe counts as answered if a reply with its sequence number
     * came within 1 s.
     */
    synchronized List<long[]> lostRuns(long from, long to) {
        java.util.Map<Integer, Long> replied = new java.util.HashMap<>();
        for (int i = indexAtOrAfter(from); i < size && times[i] <= to + 1_000_000; i++) {
            replied.putIfAbsent(seqs[i], times[i]);
        }
        List<long[]> runs = new java.util.ArrayList<>();
        long start = -1;
        int lost = 0;
        for (int i = 0; i < sent; i++) {
            long t = sentTimes[i];
            if (t < from || t > to) {
                continue;
            }
            Long answer = replied.get(sentSeqs[i]);
            boolean answered = answer != null && answer >= t && answer - t < 1_000_000;
            if (!answered) {
                if (start < 0) {
                    start = t;
                }
                lost++;
            } else if (start >= 0) {
                runs.add(new long[] {start, t - start, lost});
                start = -1;
                lost = 0;
            }
        }
        if (start >= 0) {
            runs.add(new long[] {start, to - start, lost});
        }
        return runs;
    }

    /** Each gap between consecutive replies in [from, to] longer than {@code over}, as {start, length} (µs). */
    synchronized List<long[]> gaps(long from, long to, long over) {
        List<long[]> out = new java.util.ArrayList<>();
        int i = indexAtOrAfter(from);
        long prev = i > 0 ? times[i - 1] : from;
        for (; i < size && times[i] <= to; i++) {
            if (times[i] - prev > over) {
                out.add(new long[] {prev, times[i] - prev});
            }
            prev = times[i];
        }
        return out;
    }

    /** The first reply at or after {@code since}, from any MAC; -1 if none yet. */
    synchronized long firstAfter(long since) {
        int i = indexAtOrAfter(since);
        return i < size ? times[i] : -1;
    }

    /** For notes: the last reply's age and MAC id, and the client's neighbour entry for the VIP. */
    String describe(String vip) {
        String last;
        synchronized (this) {
            last = size == 0 ? "no reply yet" : String.format("last reply %.1f ms ago from :%02x",
                    Clock.ms(Clock.nowMicros() - times[size - 1]), macs[size - 1]);
        }
        return last + (sender.isAlive() ? "" : ", the echo sender exited: " + String.join(" / ", senderSaid))
                + ", client's neighbour entry: " + client.ip("neigh", "show", vip).output().strip();
    }

    synchronized int replies() {
        return size;
    }

    private int indexAtOrAfter(long t) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    Host client() {
        return client;
    }
}
