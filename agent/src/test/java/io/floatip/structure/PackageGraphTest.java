package io.floatip.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.router.Router;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shipped classes' package graph, read by the JDK's jdeps from the compiled main classes (what the shade
 * step puts under io/floatip in floatip.jar): no cycle among io.floatip packages, and no test-only lab code.
 */
class PackageGraphTest {
    private static final Pattern EDGE = Pattern.compile("^\\s+(io\\.floatip[\\w.]*)\\s+->\\s+(io\\.floatip[\\w.]*)\\s");

    @Test
    void noCycleAmongFloatipPackages() throws Exception {
        Map<String, Set<String>> graph = packageGraph();
        assertTrue(graph.containsKey("io.floatip.agent") && graph.get("io.floatip.agent").contains("io.floatip.router"),
                "jdeps output not understood (no agent -> router edge): " + graph);
        List<List<String>> cycles = Cycles.stronglyConnected(graph);
        assertEquals(List.of(), cycles, "package cycles (each list is one strongly connected group): " + graph);
    }

    @Test
    void cycleFinderSeesACycle() {
        Map<String, Set<String>> g = new TreeMap<>();
        g.put("a", Set.of("b"));
        g.put("b", Set.of("c"));
        g.put("c", Set.of("a"));
        g.put("d", Set.of("a"));
        assertEquals(List.of(List.of("a", "b", "c")), Cycles.stronglyConnected(g));
    }

    @Test
    void noTestOnlyLabCodeShips() throws IOException, URISyntaxException {
        Path classes = mainClasses();
        assertTrue(Files.isDirectory(classes.resolve("io/floatip/lab")), "the demo's lab must still ship: " + classes);
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes.resolve("io/floatip"))) {
            files.map(p -> classes.relativize(p).toString().replace('\\', '/'))
                    .filter(n -> n.startsWith("io/floatip/lab/Keepalived") || n.startsWith("io/floatip/lab/LabRanges"))
                    .forEach(found::add);
        }
        assertEquals(List.of(), found, "test-only lab classes in the main output (they would ship in floatip.jar)");
    }

    static Path mainClasses() throws URISyntaxException {
        return Path.of(Router.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** Package -> packages it uses, io.floatip only, from {@code jdeps -verbose:package}. */
    static Map<String, Set<String>> packageGraph() throws Exception {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("no jdeps in this JDK"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            rc = jdeps.run(o, e, "-verbose:package", mainClasses().toString());
        }
        assertEquals(0, rc, "jdeps failed: " + err.toString(StandardCharsets.UTF_8));
        Map<String, Set<String>> graph = new TreeMap<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            Matcher m = EDGE.matcher(line);
            if (m.find() && !m.group(1).equals(m.group(2))) {
                graph.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
            }
        }
        return graph;
    }

    /** Tarjan's strongly connected components; groups of more than one package, each sorted. */
    static final class Cycles {
        private final Map<String, Set<String>> graph;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new TreeSet<>();
        private final List<List<String>> groups = new ArrayList<>();

        private Cycles(Map<String, Set<String>> graph) {
            this.graph = graph;
        }

        static List<List<String>> stronglyConnected(Map<String, Set<String>> graph) {
            Cycles c = new Cycles(graph);
            for (String v : new TreeSet<>(graph.keySet())) {
                if (!c.index.containsKey(v)) {
                    c.visit(v);
                }
            }
            return c.groups;
        }

        private void visit(String v) {
            index.put(v, index.size());
            low.put(v, index.get(v));
            stack.push(v);
            onStack.add(v);
            for (String w : graph.getOrDefault(v, Set.of())) {
                if (!index.containsKey(w)) {
                    visit(w);
                    low.put(v, Math.min(low.get(v), low.get(w)));
                } else if (onStack.contains(w)) {
                    low.put(v, Math.min(low.get(v), index.get(w)));
                }
            }
            if (low.get(v).equals(index.get(v))) {
                TreeSet<String> group = new TreeSet<>();
                String w;
                do {
                    w = stack.pop();
                    onStack.remove(w);
                    group.add(w);
                } while (!w.equals(v));
                if (group.size() > 1) {
                    groups.add(new ArrayList<>(group));
                }
            }
        }
    }
}
