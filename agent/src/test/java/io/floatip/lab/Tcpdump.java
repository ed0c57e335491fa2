package io.floatip.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** tcpdump in a lab host, started and listening before the test makes the traffic it is to see. */
public final class Tcpdump {
    private Tcpdump() {
    }

    /**
     * Runs {@code tcpdump args...} in {@code host}, each line it prints (its capture or its messages) added to
     * {@code out}; returns once it says it is listening (10 s at most), so that no frame sent after is missed.
     */
    public static Process start(Host host, List<String> out, String... args) {
        List<String> argv = new ArrayList<>();
        argv.add("tcpdump");
        argv.addAll(List.of(args));
        Process p = host.start(argv, out::add);
        Lab.await(Duration.ofSeconds(10), () -> out.stream().anyMatch(l -> l.contains("listening on")),
                "tcpdump in " + host.name() + " to listen");
        return p;
    }
}
