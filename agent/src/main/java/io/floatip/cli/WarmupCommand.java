package io.floatip.cli;

import io.floatip.agent.EventLoop;
import io.floatip.config.ConfigLoader;
import io.floatip.net.LibpcapCheck;
import io.floatip.protocol.AuthType;
import io.floatip.protocol.VrrpCodec;
import io.floatip.protocol.VrrpPacket;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

/**
 * Walks the agent's start without opening anything: its command line, a config parse, the codec, the event
 * loop, slf4j, JNA and libpcap. Run once under {@code -XX:DumpLoadedClassList} (the build does), it lists
 * the classes a start loads, and {@code -Xshare:dump} turns that list into the class-data archive the
 * launcher uses. Only what a start uses goes in: every archived class costs resident memory in every agent,
 * so libraries are not loaded wholesale. Hidden: it is for the build and the package, not for operators.
 */
@Command(name = "warmup", hidden = true, description = "Walk an agent's start, for a class-data archive.")
final class WarmupCommand implements Callable<Integer> {
    /** Our own classes are small; load those an agent can reach. Tools an agent never runs stay out. */
    static final String OWN = "io/floatip/";
    static final List<String> NOT_IN_AN_AGENT = List.of("io/floatip/lab/", "io/floatip/docs/",
            "io/floatip/importer/", "io/floatip/doctor/");

    /** Library classes an agent loads once its links are open: named, as warmup opens none. */
    static final List<String> OPENED_LINK = List.of("org.pcap4j.core.PcapHandle",
            "org.pcap4j.core.PcapHandle$Builder", "org.pcap4j.core.PcapHandle$TimestampPrecision",
            "org.pcap4j.core.PcapHandle$PcapDirection", "org.pcap4j.core.BpfProgram$BpfCompileMode",
            "org.pcap4j.core.PcapNetworkInterface$PromiscuousMode", "org.pcap4j.core.NotOpenException",
            "org.pcap4j.packet.namednumber.DataLinkType",
            "org.pcap4j.util.ByteArrays", "java.sql.Timestamp", "sun.misc.Signal", "sun.misc.SignalHandler", "jdk.internal.misc.Signal$1",
            "java.net.UnixDomainSocketAddress", "java.net.StandardProtocolFamily", "jdk.net.ExtendedSocketOptions",
            "java.net.NetworkInterface", "java.net.SocketTimeoutException", "org.slf4j.helpers.MessageFormatter");

    static final String SAMPLE = """
            global: {router_id: warmup, realtime_priority: 0}
            instances:
              VI_1:
                interface: eth0
                vrid: 51
                priority: 150
                advert_interval: 100ms
                virtual_ips: [198.51.100.50/24]
                unicast_peers: [198.51.100.12]
              VI_6:
                interface: eth0
                vrid: 51
                virtual_ips: [2001:db8:1::50/64]
            """;

    @Override
    public Integer call() throws Exception {
        // An agent's start reads its options without picocli (RunArgs), so picocli stays out of the archive.
        new RunCommand(RunArgs.parse(new String[] {"run", "-c", "/etc/floatip/floatip.yaml", "--log-level", "info"}, 1));
        ConfigLoader.parseWithoutHostChecks(SAMPLE, "warmup.yaml");
        codec();
        loop();
        // Logger set-up (levels, date format) runs when the first logger is made; nothing is logged.
        LoggerFactory.getLogger("floatip").debug("warmup");
        if (LibpcapCheck.problem() != null) {
            System.err.println("warmup: " + LibpcapCheck.MISSING + "; the archive leaves libpcap's classes out");
        }
        controlSocket();
        ClassLoader loader = WarmupCommand.class.getClassLoader();
        for (String name : startClasses()) {
            try {
                Class.forName(name, false, loader);
            } catch (LinkageError | ClassNotFoundException ignored) {
                // another JDK, or a library left out: the archive just lacks it
            }
        }
        for (String name : OPENED_LINK) {
            try {
                Class.forName(name, false, loader);
            } catch (LinkageError | ClassNotFoundException ignored) {
                // libpcap missing (said above), or another JDK: the archive just lacks it
            }
        }
        ownClasses();
        return 0;
    }

    /** The resource listing the classes a real start loads beyond this walk; comments and blanks left out. */
    static final String START_CLASSES = "start-classes.txt";

    static List<String> startClasses() throws java.io.IOException {
        try (java.io.InputStream in = WarmupCommand.class.getResourceAsStream(START_CLASSES)) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
    }

    private static void codec() throws Exception {
        InetAddress vip = InetAddress.getByAddress(new byte[]{(byte) 198, 51, 100, 50});
        InetAddress source = InetAddress.getByAddress(new byte[]{(byte) 198, 51, 100, 11});
        VrrpPacket advert = new VrrpPacket(3, 51, 150, 10, List.of(vip), AuthType.NONE, new byte[0],
                source, VrrpCodec.MULTICAST_GROUP, VrrpPacket.TTL);
        byte[] mac = {2, 0, 0, 0, 0, 1};
        byte[] frame = VrrpCodec.encodeFrame(advert, mac, new byte[]{1, 0, 0x5e, 0, 0, 0x12}, 1);
        VrrpCodec.decodeFrame(frame, frame.length);
    }

    private static void loop() throws InterruptedException {
        EventLoop loop = new EventLoop();
        loop.start();
        CountDownLatch ran = new CountDownLatch(2);
        loop.execute(ran::countDown);
        loop.schedule(loop.now() + 1_000_000, ran::countDown);
        ran.await();
        loop.stop(1000);
    }

    /** The control socket's channel classes: a Unix socket in a directory of our own, bound and closed. */
    private static void controlSocket() throws java.io.IOException {
        Path dir = Files.createTempDirectory("floatip-warmup");
        Path socket = dir.resolve("control.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
        } finally {
            Files.deleteIfExists(socket);
            Files.delete(dir);
        }
    }

    /** Loaded, not initialised: no static set-up of ours runs here. */
    private static void ownClasses() throws URISyntaxException, java.io.IOException {
        Path jar = jar();
        if (jar == null) {
            return; // run from classes (tests): nothing to archive
        }
        ClassLoader loader = WarmupCommand.class.getClassLoader();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry e : Collections.list(file.entries())) {
                String name = e.getName();
                if (name.endsWith(".class") && name.startsWith(OWN)
                        && NOT_IN_AN_AGENT.stream().noneMatch(name::startsWith)) {
                    try {
                        Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, loader);
                    } catch (LinkageError | ClassNotFoundException ignored) {
                        // a class whose library is optional: not one the agent uses
                    }
                }
            }
        }
    }

    private static Path jar() throws URISyntaxException {
        Path p = Path.of(WarmupCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return Files.isRegularFile(p) ? p : null;
    }
}
