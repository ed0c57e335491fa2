package io.floatip.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.floatip.lab.ProcessResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The shipped Prometheus files of examples/prometheus/, and the PromQL queries they hold. */
final class MonitoringFiles {

    static final Path DIR = Path.of("..", "examples", "prometheus").toAbsolutePath().normalize();
    static final Path RULES = DIR.resolve("floatip-alerts.yml");
    static final Path RULE_TESTS = DIR.resolve("floatip-alerts.test.yml");
    static final Path SCRAPE_CONFIG = DIR.resolve("prometheus.yml");
    static final Path DASHBOARD = DIR.resolve("floatip-dashboard.json");

    /** A floatip metric name inside a query; label values such as job="floatip" have no underscore after. */
    private static final Pattern METRIC = Pattern.compile("\\bfloatip_[a-zA-Z0-9_]+");

    private MonitoringFiles() {
    }

    static JsonNode dashboard() {
        try {
            return new ObjectMapper().readTree(DASHBOARD.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(DASHBOARD + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    static JsonNode rules() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(RULES.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(RULES + ": " + e.getMessage(), e);
        }
    }

    /** Every panel target's expr and every query variable's query, as written (with $node and the like). */
    static List<String> dashboardQueries(JsonNode dashboard) {
        List<String> out = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                out.add(target.path("expr").asText(""));
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("type").asText().equals("query")) {
                JsonNode q = variable.path("query");
                out.add(q.isTextual() ? q.asText() : q.path("query").asText(""));
            }
        }
        return out;
    }

    /** Each alert's expr. */
    static List<String> ruleQueries(JsonNode rules) {
        List<String> out = new ArrayList<>();
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                out.add(rule.path("expr").asText(""));
            }
        }
        return out;
    }

    static Set<String> metricNames(String query) {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC.matcher(query);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    /** Runs a command on this host (no namespace: promtool only reads files), output and exit code. */
    static ProcessResult run(List<String> argv, Duration timeout) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            // Read while it runs, so a full pipe cannot stall it.
            java.util.concurrent.CompletableFuture<String> out = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                        } catch (IOException e) {
                            return "";
                        }
                    });
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.destroyForcibly().waitFor();
            }
            return new ProcessResult(argv, done ? p.exitValue() : -1, out.join(), !done);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + argv, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
