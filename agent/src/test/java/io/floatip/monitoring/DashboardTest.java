package io.floatip.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard is JSON Grafana can import: its panels are laid out on the 24-column grid without
 * overlapping, each queries the dashboard's Prometheus variable and names a floatip metric, and every variable
 * a query uses is defined. That the names are ones the agent exports, and that each query runs, is checked
 * against a live agent and a real Prometheus in {@link PrometheusHostTest}.
 */
class DashboardTest {

    private static final JsonNode D = MonitoringFiles.dashboard();
    private static final Set<String> PANEL_TYPES = Set.of("row", "stat", "timeseries", "state-timeline", "table");
    private static final Set<String> GRAFANA_VARIABLES = Set.of("__rate_interval", "__interval", "__range");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z0-9_]+)");

    @Test
    void theDashboardIsWhole() {
        assertEquals("floatip", D.path("uid").asText());
        assertEquals("floatip", D.path("title").asText());
        assertTrue(D.path("schemaVersion").asInt() >= 36, "a schema Grafana 9 and later reads");
        assertTrue(D.path("panels").size() > 10, "panels");
    }

    @Test
    void panelsHaveUniqueIdsAndDoNotOverlap() {
        Set<Integer> ids = new HashSet<>();
        Set<String> cells = new HashSet<>();
        for (JsonNode p : D.path("panels")) {
            String title = p.path("title").asText();
            assertFalse(title.isBlank(), "every panel has a title: " + p);
            assertTrue(PANEL_TYPES.contains(p.path("type").asText()), title + ": type " + p.path("type"));
            assertTrue(ids.add(p.path("id").asInt(-1)), title + ": id " + p.path("id") + " twice");
            JsonNode g = p.path("gridPos");
            int x = g.path("x").asInt(-1);
            int y = g.path("y").asInt(-1);
            int w = g.path("w").asInt(0);
            int h = g.path("h").asInt(0);
            assertTrue(x >= 0 && y >= 0 && w > 0 && h > 0 && x + w <= 24, title + ": gridPos " + g);
            for (int row = y; row < y + h; row++) {
                for (int col = x; col < x + w; col++) {
                    assertTrue(cells.add(row + ":" + col), title + " overlaps another panel at row " + row);
                }
            }
        }
    }

    @Test
    void everyQueryNamesAFloatipMetricFromTheDashboardsPrometheus() {
        Set<String> defined = new HashSet<>(GRAFANA_VARIABLES);
        for (JsonNode v : D.path("templating").path("list")) {
            defined.add(v.path("name").asText());
        }
        assertTrue(defined.contains("datasource") && defined.contains("node"), "variables: " + defined);
        int queries = 0;
        for (JsonNode p : D.path("panels")) {
            if (p.path("type").asText().equals("row")) {
                continue;
            }
            String title = p.path("title").asText();
            assertEquals("${datasource}", p.path("datasource").path("uid").asText(), title);
            assertTrue(p.path("targets").size() > 0, title + " has no query");
            Set<String> refIds = new HashSet<>();
            for (JsonNode t : p.path("targets")) {
                assertTrue(refIds.add(t.path("refId").asText()), title + ": refId twice");
                String expr = t.path("expr").asText("");
                assertFalse(MonitoringFiles.metricNames(expr).isEmpty(), title + ": no floatip metric in " + expr);
                Matcher m = VARIABLE.matcher(expr);
                while (m.find()) {
                    assertTrue(defined.contains(m.group(1)), title + ": undefined variable $" + m.group(1));
                }
                queries++;
            }
        }
        assertTrue(queries >= 15, "queries: " + queries);
    }

    @Test
    void theNodeVariableListsTheAgents() {
        List<String> all = MonitoringFiles.dashboardQueries(D);
        assertTrue(all.contains("label_values(floatip_info, instance)"), "" + all);
    }

    @Test
    void theNameReaderFindsMetricsAndNotLabelValues() {
        assertEquals(Set.of("floatip_vip_held", "floatip_info"), MonitoringFiles.metricNames(
                "sum by (vip) (floatip_vip_held{job=\"floatip\"}) + on() group_left floatip_info"));
        assertTrue(MonitoringFiles.metricNames("up{job=\"floatip\"}").isEmpty());
    }
}
