package io.floatip.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floatip.lab.Host;
import io.floatip.lab.ProcessResult;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A real Prometheus server's HTTP API, asked with curl from inside the lab namespace it listens in (on that
 * namespace's 127.0.0.1, which nothing outside the namespace reaches).
 */
final class PrometheusApi {

    static final String LISTEN = "127.0.0.1:9090";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One alert as /api/v1/alerts reports it: pending or firing. */
    record Alert(String name, String state, Map<String, String> labels, String value) {
        boolean firing() {
            return state.equals("firing");
        }
    }

    private final Host host;

    PrometheusApi(Host host) {
        this.host = host;
    }

    /** An instant query's result series, each as its labels and value; throws if Prometheus refuses it. */
    List<Map.Entry<Map<String, String>, String>> query(String promql) {
        JsonNode data = get("/api/v1/query", promql);
        List<Map.Entry<Map<String, String>, String>> out = new ArrayList<>();
        for (JsonNode series : data.path("result")) {
            out.add(Map.entry(labels(series.path("metric")), series.path("value").path(1).asText()));
        }
        return out;
    }

    /** The alerts that are pending or firing now; empty while Prometheus is not answering yet. */
    List<Alert> alerts() {
        JsonNode data;
        try {
            data = get("/api/v1/alerts", null);
        } catch (IllegalStateException notYet) {
            return List.of();
        }
        List<Alert> out = new ArrayList<>();
        for (JsonNode a : data.path("alerts")) {
            Map<String, String> labels = labels(a.path("labels"));
            out.add(new Alert(labels.get("alertname"), a.path("state").asText(), labels, a.path("value").asText()));
        }
        return out;
    }

    /** Whether {@code name} fires for a series whose label {@code key} is {@code value}. */
    boolean firing(String name, String key, String value) {
        return alerts().stream()
                .anyMatch(a -> a.firing() && a.name().equals(name) && value.equals(a.labels().get(key)));
    }

    boolean firing(String name) {
        return alerts().stream().anyMatch(a -> a.firing() && a.name().equals(name));
    }

    private JsonNode get(String path, String promql) {
        List<String> argv = new ArrayList<>(List.of("curl", "-s", "-S", "-m", "5", "--get"));
        if (promql != null) {
            argv.addAll(List.of("--data-urlencode", "query=" + promql));
        }
        argv.add("http://" + LISTEN + path);
        ProcessResult r = host.exec(Duration.ofSeconds(10), argv);
        if (!r.ok()) {
            throw new IllegalStateException("Prometheus did not answer " + path + ": " + r.describe());
        }
        try {
            JsonNode reply = JSON.readTree(r.output());
            if (!"success".equals(reply.path("status").asText())) {
                throw new IllegalStateException("Prometheus refused " + path + " " + promql + ": " + r.output());
            }
            return reply.path("data");
        } catch (IOException e) {
            throw new IllegalStateException("not JSON from " + path + ": " + r.output(), e);
        }
    }

    private static Map<String, String> labels(JsonNode node) {
        Map<String, String> m = new TreeMap<>();
        node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }
}
