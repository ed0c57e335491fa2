package io.floatip.bench;

import io.floatip.lab.Host;
import io.floatip.lab.Lab;
import java.time.Duration;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * tcpdump in the client's namespace (the bridge floods multicast there, snooping is off) handing over the
 * kernel's receive timestamp of every VRRP advert from one node, once tcpdump listens. {@code --immediate-mode}
 * hands each packet over as it comes (without it libpcap's TPACKET_V3 blocks may hold packets up to the
 * buffer timeout), so the benchmark can act on an advert a few milliseconds after it arrived.
 */
final class AdvertStamps {
    private AdvertStamps() {
    }

    /** Starts tcpdump; returns once it listens. {@code onAdvert} gets microseconds on the common clock. */
    static void listen(Host client, String source, String what, LongConsumer onAdvert) {
        boolean[] listening = new boolean[1];
        client.start(List.of("tcpdump", "-l", "-n", "-tt", "--immediate-mode", "-i", client.iface(),
                "ip proto 112 and src host " + source), line -> {
                    if (line.contains("listening on")) {
                        synchronized (listening) {
                            listening[0] = true;
                        }
                    }
                    int sp = line.indexOf(' ');
                    long t = sp > 0 ? Clock.tcpdumpTimestamp(line.substring(0, sp)) : -1;
                    if (t > 0) {
                        onAdvert.accept(t);
                    }
                });
        Lab.await(Duration.ofSeconds(10), () -> {
            synchronized (listening) {
                return listening[0];
            }
        }, "tcpdump (" + what + ") in the client to listen");
    }
}
