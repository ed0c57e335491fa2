package io.floatip.bench;

import io.floatip.lab.Host;
import io.floatip.lab.Lab;
import io.floatip.lab.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * A two-node lab as the proxy-mode parts watch it, before any agent runs: n1's adverts as the client hears them,
 * when each node gains and loses the VIP, and the client's probe of the VIP. Everything runs in the lab's
 * namespaces and ends with the lab.
 */
record BenchPair(Node n1, Node n2, AdvertLog adverts, AddressWatch w1, AddressWatch w2, ClientProbe probe) {

    /** {@code prompt}: the VIP watches run SCHED_FIFO, as {@link AddressWatch#start(Host, String, boolean)} says. */
    static BenchPair start(Lab lab, boolean prompt) {
        Node n1 = lab.node(1);
        Node n2 = lab.node(2);
        AdvertLog adverts = AdvertLog.start(lab.client());
        AddressWatch w1 = AddressWatch.start(n1, AgentKind.vip(1), prompt);
        AddressWatch w2 = AddressWatch.start(n2, AgentKind.vip(1), prompt);
        ClientProbe probe = ClientProbe.start(lab.client(), AgentKind.vip(1), Duration.ofHours(1));
        return new BenchPair(n1, n2, adverts, w1, w2, probe);
    }

    /** The part's folder, 0755 as BenchMain makes the bench's (a temporary folder starts as 0700). */
    static void workDir(Path work) throws IOException {
        Files.createDirectories(work);
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Who holds the VIP and who answers the client, for a note when a sample is skipped. */
    String state() {
        return "n1 " + (w1.holds() ? "holds" : "lacks") + " the VIP, n2 " + (w2.holds() ? "holds" : "lacks")
                + " it; " + probe.describe(AgentKind.vip(1));
    }
}
