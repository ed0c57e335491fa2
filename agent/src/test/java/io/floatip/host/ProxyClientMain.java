package io.floatip.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Client traffic through a proxy pair's VIP, for {@link ProxyPairTest}; runs in the lab's client namespace.
 * Four probes, each on a thread of its own, one request every 20 ms: through the layer-7 frontend (port 80) and
 * the layer-4 one (port 9000), each once with a new connection per request and once over one kept-alive
 * connection that is opened again when it is lost. The layer-7 probes alternate between {@code /} and
 * {@code /app1/}. Every request is sorted into ok or what went wrong; when the stop file appears each probe
 * prints one line of counts and exits. Each probe prints {@code ready NAME} at its first success.
 *
 * <p>Backends answer {@code "<server> <service>"} (web1 web, web2 app1, web1 tcp...); an answer from the wrong
 * service counts as wrong_backend.
 *
 * <p>Arguments: VIP STOP_FILE
 */
public final class ProxyClientMain {

    private static final int CONNECT_TIMEOUT_MS = 1000;
    private static final int READ_TIMEOUT_MS = 2000;
    private static final long PAUSE_MS = 20;

    /** What became of one request. */
    enum Outcome { OK, REFUSED, RESET, CLOSED, TIMEOUT, HTTP_ERROR, WRONG_BACKEND }

    private ProxyClientMain() {
    }

    public static void main(String[] args) throws Exception {
        String vip = args[0];
        Path stop = Path.of(args[1]);
        List<Probe> probes = List.of(new Probe("l7-new", vip, 80, false), new Probe("l7-keepalive", vip, 80, true),
                new Probe("l4-new", vip, 9000, false), new Probe("l4-keepalive", vip, 9000, true));
        List<Thread> threads = new ArrayList<>();
        for (Probe p : probes) {
            Thread t = new Thread(() -> p.run(stop), "probe-" + p.name);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        for (Probe p : probes) {
            System.out.println(p.summary());
        }
        System.out.flush();
    }

    static final class Probe {
        final String name;
        final String vip;
        final int port;
        final boolean keepAlive;
        final Map<Outcome, Integer> counts = new TreeMap<>();
        final Map<String, Integer> servedBy = new TreeMap<>();
        int requests;
        int connections;
        int lostConnections;
        /** The longest time from the last success before a failure to the first success after it. */
        long worstGapMs;
        int okInARowAtEnd;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Probe(String name, String vip, int port, boolean keepAlive) {
            this.name = name;
            this.vip = vip;
            this.port = port;
            this.keepAlive = keepAlive;
        }

        void run(Path stop) {
            long lastOk = System.nanoTime();
            boolean failing = false;
            while (!Files.exists(stop)) {
                String path = port == 9000 ? "/" : requests % 2 == 0 ? "/" : "/app1/x";
                String service = port == 9000 ? "tcp" : path.equals("/") ? "web" : "app1";
                Outcome o = request(path, service);
                requests++;
                counts.merge(o, 1, Integer::sum);
                long now = System.nanoTime();
                if (o == Outcome.OK) {
                    if (counts.get(Outcome.OK) == 1) {
                        System.out.println("ready " + name); // the test starts its failure after all four
                    }
                    if (failing) {
                        worstGapMs = Math.max(worstGapMs, (now - lastOk) / 1_000_000);
                        failing = false;
                    }
                    lastOk = now;
                    okInARowAtEnd++;
                } else {
                    failing = true;
                    okInARowAtEnd = 0;
                }
                sleep(PAUSE_MS);
            }
            closeQuietly();
        }

        private Outcome request(String path, String service) {
            try {
                if (socket == null) {
                    socket = new Socket();
                    socket.connect(new InetSocketAddress(vip, port), CONNECT_TIMEOUT_MS);
                    socket.setSoTimeout(READ_TIMEOUT_MS);
                    socket.setTcpNoDelay(true);
                    in = socket.getInputStream();
                    out = socket.getOutputStream();
                    connections++;
                }
                out.write(("GET " + path + " HTTP/1.1\r\nHost: " + vip + "\r\nConnection: "
                        + (keepAlive ? "keep-alive" : "close") + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String[] reply = readResponse(in);
                if (reply == null) {
                    return lost(Outcome.CLOSED);
                }
                if (!keepAlive || reply[2] != null) {
                    closeQuietly(); // asked for, or the server said it closes: not a loss
                }
                if (!reply[0].equals("200")) {
                    return Outcome.HTTP_ERROR;
                }
                String[] words = reply[1].strip().split(" ");
                if (words.length != 2 || !words[1].equals(service)) {
                    return Outcome.WRONG_BACKEND;
                }
                servedBy.merge(words[0], 1, Integer::sum);
                return Outcome.OK;
            } catch (ConnectException e) {
                closeQuietly();
                return Outcome.REFUSED;
            } catch (SocketTimeoutException e) {
                return lost(Outcome.TIMEOUT);
            } catch (SocketException e) {
                // "Connection reset", "Broken pipe": the other end no longer knows this connection.
                return lost(Outcome.RESET);
            } catch (IOException e) {
                return lost(Outcome.CLOSED);
            }
        }

        /** A connection that had been open is gone (on a keep-alive probe it counts as lost). */
        private Outcome lost(Outcome why) {
            if (keepAlive && socket != null && socket.isConnected()) {
                lostConnections++;
            }
            closeQuietly();
            return why;
        }

        private void closeQuietly() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Closing a broken socket: nothing left to do.
                }
            }
            socket = null;
        }

        String summary() {
            StringBuilder sb = new StringBuilder("probe=").append(name).append(" requests=").append(requests);
            for (Outcome o : Outcome.values()) {
                sb.append(' ').append(o.name().toLowerCase(java.util.Locale.ROOT)).append('=')
                        .append(counts.getOrDefault(o, 0));
            }
            sb.append(" connections=").append(connections).append(" lost_connections=").append(lostConnections)
                    .append(" worst_gap_ms=").append(worstGapMs).append(" ok_in_a_row_at_end=").append(okInARowAtEnd)
                    .append(" served_by=");
            servedBy.forEach((k, v) -> sb.append(k).append(':').append(v).append(','));
            return sb.toString();
        }
    }

    /**
     * Status code, body and (non-null when the server closes after it) the Connection header of one HTTP/1.1
     * response with Content-Length; null if the connection ended first.
     */
    static String[] readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while (!head.toString().endsWith("\r\n\r\n")) {
            c = in.read();
            if (c < 0) {
                return null;
            }
            head.append((char) c);
        }
        String[] lines = head.toString().split("\r\n");
        String[] status = lines[0].split(" ");
        int length = 0;
        String closes = null;
        for (String line : lines) {
            int colon = line.indexOf(':');
            String name = colon > 0 ? line.substring(0, colon).trim() : "";
            String value = colon > 0 ? line.substring(colon + 1).trim() : "";
            if (name.equalsIgnoreCase("content-length")) {
                length = Integer.parseInt(value);
            } else if (name.equalsIgnoreCase("connection") && value.equalsIgnoreCase("close")) {
                closes = value;
            }
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            return null;
        }
        return new String[] {status.length > 1 ? status[1] : "", new String(body, StandardCharsets.US_ASCII), closes};
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
