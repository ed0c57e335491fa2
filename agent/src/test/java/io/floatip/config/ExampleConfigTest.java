package io.floatip.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The examples shipped for users must stay valid as the schema grows, and must keep saying what their READMEs
 * say. Every config is loaded without host checks (the scripts they name belong to the user's machine), then,
 * as root, with host checks against a stand-in tree where each program they name exists and is safe.
 */
class ExampleConfigTest {

    private static final Path EXAMPLES = Path.of("../examples");
    private static final Path README = Path.of("../README.md");
    private static final Set<String> FLOATIP_KEYS = Set.of("global", "scripts", "instances", "sync_groups");
    private static final String CHECKS = "/usr/share/floatip/check-scripts/";
    private static final Command NOTIFY = Command.of("/etc/floatip/notify.sh");

    @TempDir
    Path tempDir;

    private static VirtualIp ip(String address, int prefix) throws Exception {
        return new VirtualIp(InetAddress.getByName(address), prefix);
    }

    private static Inet4Address v4(String address) throws Exception {
        return (Inet4Address) InetAddress.getByName(address);
    }

    private static Config load(String example) throws ConfigException {
        return ConfigLoader.loadWithoutHostChecks(EXAMPLES.resolve(example));
    }

    /** A floatip config has one of floatip's top-level keys; any other YAML (none yet) is not ours to load. */
    private static boolean isFloatipConfig(Path file) {
        try {
            return Files.readAllLines(file).stream()
                    .map(line -> line.replaceFirst("^([a-z_]+):.*$", "$1"))
                    .anyMatch(FLOATIP_KEYS::contains);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Path> walk(String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            return files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(suffix)).sorted().toList();
        }
    }

    /** Every example config, in every folder, found rather than listed, so a new one cannot be forgotten here. */
    static List<Path> examples() throws IOException {
        List<Path> yaml = walk(".yaml").stream().filter(ExampleConfigTest::isFloatipConfig).toList();
        assertFalse(yaml.isEmpty(), "no examples found in " + EXAMPLES.toAbsolutePath());
        return yaml;
    }

    /** The folders whose configs are the nodes of one setup (floatip-a.yaml, floatip-b.yaml...). */
    static List<Path> setups() throws IOException {
        List<Path> folders = new ArrayList<>();
        for (Path config : examples()) {
            Path folder = config.getParent();
            if (!folder.equals(EXAMPLES) && !folders.contains(folder)) {
                folders.add(folder);
            }
        }
        return folders;
    }

    private static Map<String, Config> nodes(Path folder) throws Exception {
        Map<String, Config> nodes = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("floatip-[a-z]\\.yaml")).toList()) {
                nodes.put(file.getFileName().toString(), ConfigLoader.loadWithoutHostChecks(file));
            }
        }
        return nodes;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExampleLoads(Path example) throws Exception {
        assertFalse(ConfigLoader.loadWithoutHostChecks(example).instances().isEmpty());
    }

    /**
     * With host checks, on a stand-in root where every program the example names is a root-owned 0755 file: the
     * same config comes out, so the example is refused on a real host only for what that host lacks.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExamplePassesHostChecksWhereItsProgramsAreSafe(Path example) throws Exception {
        TestHost.assumeRootOrCi();
        Config asWritten = ConfigLoader.loadWithoutHostChecks(example);
        TestHost.RootedFiles files = new TestHost.RootedFiles(tempDir);
        for (String program : programs(asWritten)) {
            // Bare names would be looked up in PATH; the examples spell out where the READMEs install things.
            assertTrue(program.startsWith(CHECKS) || program.startsWith("/etc/floatip/"),
                    example + ": " + program + " is not where the READMEs install scripts");
            files.file(program, "rwxr-xr-x");
        }
        Config checked = Yaml.parse(Files.readString(example), TestHost.host(files));
        assertEquals(asWritten.instances(), checked.instances());
        assertEquals(asWritten.scripts(), checked.scripts());
        assertEquals(asWritten.syncGroups(), checked.syncGroups());
        assertEquals(asWritten.global().routerId(), checked.global().routerId());
        if (!programs(asWritten).isEmpty()) {
            assertEquals("floatip_script", checked.global().scriptUser());
        }
    }

    private static Set<String> programs(Config config) {
        Set<String> programs = new java.util.TreeSet<>();
        config.scripts().values().forEach(s -> programs.add(s.command().program()));
        config.instances().values().forEach(i -> addPrograms(programs, i.notifications()));
        config.syncGroups().values().forEach(g -> addPrograms(programs, g.notifications()));
        return programs;
    }

    private static void addPrograms(Set<String> programs, NotifyConfig notify) {
        Stream.of(notify.master(), notify.backup(), notify.fault(), notify.stop(), notify.any())
                .filter(java.util.Objects::nonNull).forEach(c -> programs.add(c.program()));
    }

    /**
     * The nodes of one setup form one virtual router per instance: the same interface, VRID, version, interval,
     * VIPs and tracking on each, a priority of their own, and in unicast mode each node a peer of every other.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("setups")
    void theNodesOfASetupAgree(Path folder) throws Exception {
        Map<String, Config> nodes = nodes(folder);
        assertFalse(nodes.isEmpty(), folder + " has floatip-X.yaml files");
        Config first = nodes.values().iterator().next();
        Set<String> routerIds = new HashSet<>();
        for (Map.Entry<String, Config> node : nodes.entrySet()) {
            Config config = node.getValue();
            String where = folder.getFileName() + "/" + node.getKey();
            assertTrue(routerIds.add(config.global().routerId()), where + ": router_id shared with another node");
            assertEquals(first.instances().keySet(), config.instances().keySet(), where + ": instance names");
            assertEquals(first.scripts(), config.scripts(), where + ": check scripts");
            assertEquals(first.syncGroups(), config.syncGroups(), where + ": sync groups");
            for (InstanceConfig mine : config.instances().values()) {
                InstanceConfig theirs = first.instances().get(mine.name());
                String instance = where + ": " + mine.name();
                assertEquals(theirs.interfaceName(), mine.interfaceName(), instance + ": interface");
                assertEquals(theirs.vrid(), mine.vrid(), instance + ": vrid");
                assertEquals(theirs.version(), mine.version(), instance + ": version");
                assertEquals(theirs.advertIntervalCentis(), mine.advertIntervalCentis(), instance + ": interval");
                assertEquals(theirs.virtualIps(), mine.virtualIps(), instance + ": VIPs");
                assertEquals(theirs.trackScripts(), mine.trackScripts(), instance + ": tracked scripts");
                assertEquals(theirs.unicast(), mine.unicast(), instance + ": unicast or multicast");
            }
        }
        for (String name : first.instances().keySet()) {
            Set<Integer> priorities = new HashSet<>();
            List<Inet4Address> sources = new ArrayList<>();
            for (Config config : nodes.values()) {
                InstanceConfig instance = config.instances().get(name);
                assertTrue(priorities.add(instance.priority()), folder + ": two nodes with priority "
                        + instance.priority() + " for " + name + " (the tie would go by address)");
                if (instance.unicast()) {
                    sources.add(instance.unicastSource());
                }
            }
            for (Config config : nodes.values()) {
                InstanceConfig instance = config.instances().get(name);
                if (instance.unicast()) {
                    List<Inet4Address> peers = instance.unicastPeers().stream().map(UnicastPeer::address).toList();
                    List<Inet4Address> others = sources.stream().filter(s -> !s.equals(instance.unicastSource()))
                            .toList();
                    assertEquals(others, peers, config.global().routerId() + ": unicast_peers are the other nodes");
                }
            }
        }
    }

    /**
     * Who holds {@code instance} when the nodes in {@code failing} fail every tracked script: the highest effective
     * priority (keepalived's weights, clamped to 1..254); nodes in FAULT (a weight 0 script down) take no part.
     */
    private static String master(Map<String, Config> nodes, String instance, Set<String> failing) {
        String best = null;
        int bestPriority = 0;
        for (Map.Entry<String, Config> node : nodes.entrySet()) {
            InstanceConfig i = node.getValue().instances().get(instance);
            boolean down = failing.contains(node.getKey());
            int priority = i.priority();
            boolean fault = false;
            for (TrackedScript t : i.trackScripts()) {
                if (t.weight() == 0) {
                    fault |= down;
                } else if (t.weight() < 0 && down) {
                    priority += t.weight();
                } else if (t.weight() > 0 && !down) {
                    priority += t.weight();
                }
            }
            priority = i.priority() == 255 ? 255 : Math.max(1, Math.min(254, priority));
            if (fault) {
                continue;
            }
            // A tie goes by primary address, which the configs do not say: the examples avoid them.
            assertNotEquals(bestPriority, priority, "a tie between " + best + " and " + node.getKey());
            if (priority > bestPriority) {
                best = node.getKey();
                bestPriority = priority;
            }
        }
        return best;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"haproxy-pair, chk_haproxy, check_haproxy", "nginx-pair, chk_nginx, check_nginx"})
    void theProxyPairsFollowTheirProxy(String folder, String script, String program) throws Exception {
        Map<String, Config> nodes = nodes(EXAMPLES.resolve(folder));
        assertEquals(List.of("floatip-a.yaml", "floatip-b.yaml"), List.copyOf(nodes.keySet()));
        Map<String, Integer> priorities = new LinkedHashMap<>();
        for (Map.Entry<String, Config> node : nodes.entrySet()) {
            Config config = node.getValue();
            assertEquals("floatip_script", config.global().scriptUser());
            assertEquals(Map.of(script, new ScriptConfig(script, Command.of(CHECKS + program), 1_000, 2_000, 2, 2,
                    -60, false)), config.scripts());
            assertEquals(List.of("VI_1"), List.copyOf(config.instances().keySet()));
            InstanceConfig vi1 = config.instances().get("VI_1");
            assertEquals(3, vi1.version());
            assertEquals(51, vi1.vrid());
            assertEquals(100, vi1.advertIntervalCentis());
            assertTrue(vi1.preempt(), "a failing master is only replaced by a backup that preempts");
            assertEquals(List.of(ip("198.51.100.50", 24)), vi1.virtualIps());
            assertFalse(vi1.unicast());
            assertEquals(List.of(new TrackedScript(script, -60)), vi1.trackScripts());
            assertEquals(new NotifyConfig(null, null, null, null, NOTIFY), vi1.notifications());
            priorities.put(node.getKey(), vi1.priority());
        }
        assertEquals(Map.of("floatip-a.yaml", 150, "floatip-b.yaml", 100), priorities);
        assertEquals("floatip-a.yaml", master(nodes, "VI_1", Set.of()));
        assertEquals("floatip-b.yaml", master(nodes, "VI_1", Set.of("floatip-a.yaml")));
        assertEquals("floatip-a.yaml", master(nodes, "VI_1", Set.of("floatip-b.yaml")));
        assertEquals("floatip-a.yaml", master(nodes, "VI_1", Set.of("floatip-a.yaml", "floatip-b.yaml")));
    }

    @Test
    void theCloudPairIsUnicastAndMovesTheAddressWhenItBecomesMaster() throws Exception {
        Config a = load("cloud-unicast/floatip-a.yaml");
        Config b = load("cloud-unicast/floatip-b.yaml");
        Command hook = Command.of("/etc/floatip/cloud-move-vip.sh");
        for (Config config : List.of(a, b)) {
            InstanceConfig vi1 = config.instances().get("VI_1");
            assertTrue(vi1.unicast());
            assertEquals(3, vi1.version());
            assertEquals(List.of(ip("198.51.100.50", 24)), vi1.virtualIps());
            assertEquals(new NotifyConfig(hook, null, null, null, NOTIFY), vi1.notifications());
            assertEquals(new GarpConfig(0, GarpConfig.DEFAULT_REPEAT), vi1.garp());
            assertTrue(config.scripts().isEmpty());
        }
        InstanceConfig onA = a.instances().get("VI_1");
        InstanceConfig onB = b.instances().get("VI_1");
        assertEquals(150, onA.priority());
        assertEquals(100, onB.priority());
        assertEquals(v4("198.51.100.11"), onA.unicastSource());
        assertEquals(List.of(UnicastPeer.of(v4("198.51.100.12"))), onA.unicastPeers());
        assertEquals(v4("198.51.100.12"), onB.unicastSource());
        assertEquals(List.of(UnicastPeer.of(v4("198.51.100.11"))), onB.unicastPeers());
        assertTrue(Files.isExecutable(EXAMPLES.resolve("cloud-unicast/cloud-move-vip.sh")));
    }

    @Test
    void theDualStackNodeKeepsBothFamiliesTogether() throws Exception {
        Config config = load("dual-stack/floatip-a.yaml");
        assertEquals(List.of("VI_4", "VI_6"), List.copyOf(config.instances().keySet()));
        InstanceConfig v4 = config.instances().get("VI_4");
        InstanceConfig v6 = config.instances().get("VI_6");
        assertFalse(v4.ipv6());
        assertTrue(v6.ipv6());
        assertEquals(List.of(ip("198.51.100.50", 24)), v4.virtualIps());
        assertEquals(List.of(ip("2001:db8:1::50", 64)), v6.virtualIps());
        // The README's point: one VRID for both families on one interface.
        assertEquals(v4.interfaceName(), v6.interfaceName());
        assertEquals(51, v4.vrid());
        assertEquals(51, v6.vrid());
        for (InstanceConfig i : List.of(v4, v6)) {
            assertEquals(3, i.version());
            assertEquals(150, i.priority());
            assertFalse(i.unicast());
            assertEquals(List.of(new TrackedScript("chk_haproxy", 0)), i.trackScripts());
        }
        assertEquals(0, config.scripts().get("chk_haproxy").weight());
        assertEquals(Map.of("EDGE", new SyncGroupConfig("EDGE", List.of("VI_4", "VI_6"),
                new NotifyConfig(null, null, null, null, NOTIFY))), config.syncGroups());
    }

    @Test
    void theThreeNodesTakeOverInTheOrderTheReadmeGives() throws Exception {
        Map<String, Config> nodes = nodes(EXAMPLES.resolve("three-node"));
        String a = "floatip-a.yaml";
        String b = "floatip-b.yaml";
        String c = "floatip-c.yaml";
        assertEquals(List.of(a, b, c), List.copyOf(nodes.keySet()));
        Map<String, Integer> priorities = new LinkedHashMap<>();
        Map<String, Long> delays = new LinkedHashMap<>();
        nodes.forEach((file, config) -> {
            InstanceConfig vi1 = config.instances().get("VI_1");
            assertTrue(vi1.preempt(), file + " preempts");
            assertEquals(List.of(new TrackedScript("chk_haproxy", -60)), vi1.trackScripts(), file);
            priorities.put(file, vi1.priority());
            delays.put(file, vi1.preemptDelayMillis());
        });
        assertEquals(Map.of(a, 150, b, 120, c, 100), priorities);
        assertEquals(Map.of(a, 60_000L, b, 0L, c, 0L), delays);
        // The README's table: HAProxy down on these nodes -> this master.
        assertEquals(a, master(nodes, "VI_1", Set.of()));
        assertEquals(b, master(nodes, "VI_1", Set.of(a)));
        assertEquals(c, master(nodes, "VI_1", Set.of(a, b)));
        assertEquals(a, master(nodes, "VI_1", Set.of(b)));
        assertEquals(a, master(nodes, "VI_1", Set.of(a, b, c)));
        // And the rule behind it: a healthy node always outranks a failing one.
        List<String> all = List.of(a, b, c);
        for (int mask = 0; mask < 8; mask++) {
            Set<String> failing = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                if ((mask & (1 << i)) != 0) {
                    failing.add(all.get(i));
                }
            }
            String master = master(nodes, "VI_1", failing);
            if (failing.size() < 3) {
                assertFalse(failing.contains(master), "with " + failing + " failing, " + master + " wins");
            }
        }
    }

    /** Documentation addresses only (RFC 5737, RFC 3849), and never 192.0.2.0/24, which other tests use. */
    @Test
    void everyAddressInTheExamplesIsADocumentationAddress() throws IOException {
        Pattern ipv4 = Pattern.compile("(?<![\\d.])(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d.])");
        Pattern ipv6 = Pattern.compile("(?i)(?<![\\w:])[0-9a-f]{1,4}(?::[0-9a-f]{0,4}){2,7}");
        Set<String> fixed = Set.of("127.0.0.1", "0.0.0.0", "224.0.0.18");
        List<String> wrong = new ArrayList<>();
        for (Path file : walk("")) {
            String text = Files.readString(file);
            Matcher m = ipv4.matcher(text);
            while (m.find()) {
                String a = m.group();
                if (!a.startsWith("198.51.100.") && !a.startsWith("203.0.113.") && !fixed.contains(a)) {
                    wrong.add(file + ": " + a);
                }
            }
            m = ipv6.matcher(text);
            while (m.find()) {
                String a = m.group().toLowerCase(Locale.ROOT);
                // Times and MACs have no "::" and fewer than 7 colons.
                boolean address = a.contains("::") || a.chars().filter(ch -> ch == ':').count() == 7;
                if (address && !a.startsWith("2001:db8:") && !a.startsWith("fe80:") && !a.startsWith("ff02:")) {
                    wrong.add(file + ": " + a);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    /** Every relative link in the examples' READMEs, and the main README's links into examples/, leads somewhere. */
    @Test
    void everyLinkInTheExampleReadmesResolves() throws IOException {
        List<Path> docs = new ArrayList<>(walk(".md"));
        docs.add(README);
        Pattern link = Pattern.compile("\\]\\(([^)\\s]+)\\)");
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path doc : docs) {
            Matcher m = link.matcher(Files.readString(doc));
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-z]+:.*") || (doc.equals(README) && !target.startsWith("examples/"))) {
                    continue;
                }
                String file = target.replaceFirst("#.*", "");
                String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                Path resolved = file.isEmpty() ? doc : doc.getParent().resolve(file).normalize();
                checked++;
                if (!Files.exists(resolved)) {
                    broken.add(doc + ": " + target + " (no such file)");
                } else if (anchor != null && !anchors(resolved).contains(anchor)) {
                    broken.add(doc + ": " + target + " (no such heading)");
                }
            }
        }
        assertTrue(checked > 20, "only " + checked + " links found");
        assertEquals(List.of(), broken);
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens. */
    private static Set<String> anchors(Path markdown) throws IOException {
        Set<String> anchors = new HashSet<>();
        if (!markdown.toString().endsWith(".md")) {
            return anchors;
        }
        for (String line : Files.readAllLines(markdown)) {
            if (line.startsWith("#")) {
                String text = line.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT);
                anchors.add(text.replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }

    /** Each folder named in examples/README.md is there with a README, and each example folder is named there. */
    @Test
    void theIndexNamesEveryExampleFolder() throws Exception {
        String index = Files.readString(EXAMPLES.resolve("README.md"));
        for (Path folder : setups()) {
            String name = folder.getFileName().toString();
            assertTrue(index.contains("](" + name + "/README.md)"), "examples/README.md links " + name);
            assertTrue(Files.isRegularFile(folder.resolve("README.md")), name + " has a README");
        }
        String readme = Files.readString(README);
        assertTrue(readme.contains("](examples/README.md)"), "the main README points at the examples");
    }

    /** The shell scripts among the examples are what floatip runs: sh that dash parses, executable. */
    @Test
    void everyExampleScriptIsShThatDashParses() throws Exception {
        List<Path> scripts = walk(".sh");
        assertTrue(scripts.size() >= 2, "notify.sh and cloud-move-vip.sh at least: " + scripts);
        for (Path script : scripts) {
            assertTrue(Files.isExecutable(script), script + " is executable");
            assertTrue(Files.readString(script).startsWith("#!/bin/sh\n"), script + " starts with #!/bin/sh");
            Process dash = new ProcessBuilder("dash", "-n", script.toString()).redirectErrorStream(true).start();
            assertTrue(dash.waitFor(10, TimeUnit.SECONDS), "dash -n " + script);
            assertEquals(0, dash.exitValue(), script + ": " + new String(dash.getInputStream().readAllBytes()));
        }
    }

    @Test
    void theMainExampleLoads() throws Exception {
        Config config = ConfigLoader.loadWithoutHostChecks(EXAMPLES.resolve("floatip.yaml"));
        assertEquals("lb1", config.global().routerId());
        assertEquals(List.of("VI_WEB", "VI_API"), List.copyOf(config.instances().keySet()));
        InstanceConfig web = config.instances().get("VI_WEB");
        assertEquals("eth0", web.interfaceName());
        assertEquals(List.of(ip("198.51.100.50", 24), ip("198.51.100.51", 24)), web.virtualIps());
        assertEquals(30_000, web.preemptDelayMillis());
        InstanceConfig api = config.instances().get("VI_API");
        assertEquals(InstanceConfig.builder("VI_API", "eth0", 52).priority(90)
                .virtualIps(List.of(ip("198.51.100.60", 24))).build(), api);
    }

    @Test
    void theUnicastExampleIsAVersion3PairInUnicastMode() throws Exception {
        InstanceConfig web = ConfigLoader.loadWithoutHostChecks(EXAMPLES.resolve("unicast.yaml")).instances().get("VI_WEB");
        assertEquals(3, web.version());
        assertTrue(web.unicast());
        assertEquals(v4("198.51.100.11"), web.unicastSource());
        assertEquals(List.of(UnicastPeer.of(v4("198.51.100.12"))), web.unicastPeers());
    }

    @Test
    void theAuthenticationExampleIsVersion2WithAPassword() throws Exception {
        InstanceConfig legacy = ConfigLoader.loadWithoutHostChecks(EXAMPLES.resolve("vrrpv2-auth.yaml")).instances().get("VI_LEGACY");
        assertEquals(2, legacy.version());
        assertEquals(100, legacy.advertIntervalCentis());
        assertEquals("flo4t-ip", legacy.authPassword());
        assertFalse(legacy.unicast());
    }

    @Test
    void theHaproxyExampleTracksItsCheckScript() throws Exception {
        Config config = ConfigLoader.loadWithoutHostChecks(EXAMPLES.resolve("haproxy-pair.yaml"));
        assertEquals("floatip_script", config.global().scriptUser());
        Command check = Command.of("/usr/share/floatip/check-scripts/check_haproxy");
        assertEquals(new ScriptConfig("chk_haproxy", check, 1_000, 1_000, 2, 2, -60, false),
                config.scripts().get("chk_haproxy"));
        InstanceConfig vi1 = config.instances().get("VI_1");
        assertEquals(List.of(new TrackedScript("chk_haproxy", -60)), vi1.trackScripts());
        assertEquals(new NotifyConfig(null, null, null, null, Command.of("/etc/floatip/notify.sh")),
                vi1.notifications());
    }

    @Test
    void theHaproxyExamplePassesHostChecksWhereItsScriptsAreSafe() throws Exception {
        TestHost.assumeRootOrCi();
        TestHost.RootedFiles files = new TestHost.RootedFiles(tempDir);
        files.file("/usr/share/floatip/check-scripts/check_haproxy", "rwxr-xr-x");
        files.file("/etc/floatip/notify.sh", "rwxr-x---");
        String text = Files.readString(EXAMPLES.resolve("haproxy-pair.yaml"));
        Config config = Yaml.parse(text, TestHost.host(files));
        assertEquals("floatip_script", config.global().scriptUser());
        assertEquals("/etc/floatip/notify.sh", config.instances().get("VI_1").notifications().any().program());
    }
}
