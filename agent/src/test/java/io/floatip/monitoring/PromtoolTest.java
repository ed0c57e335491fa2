package io.floatip.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.lab.HostTests;
import io.floatip.lab.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped rules pass promtool's own checks and unit tests; the scrape config parses. No root needed. */
class PromtoolTest {

    @TempDir
    Path tmp;

    @Test
    void theRulesAreValid() {
        ProcessResult r = promtool("check", "rules", MonitoringFiles.RULES.toString());
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("SUCCESS: 11 rules found"), r.output());
    }

    @Test
    void theRuleUnitTestsPass() {
        ProcessResult r = promtool("test", "rules", MonitoringFiles.RULE_TESTS.toString());
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("SUCCESS"), r.output());
    }

    /** promtool checks that rule_files exist: point it at the shipped rules instead of /etc/prometheus. */
    @Test
    void theScrapeConfigIsValid() throws Exception {
        String text = Files.readString(MonitoringFiles.SCRAPE_CONFIG);
        String installed = "/etc/prometheus/rules/floatip-alerts.yml";
        assertTrue(text.contains(installed), "the rule path moved: update this test");
        Path config = tmp.resolve("prometheus.yml");
        Files.writeString(config, text.replace(installed, MonitoringFiles.RULES.toString()));
        ProcessResult r = promtool("check", "config", config.toString());
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("SUCCESS: 11 rules found"), r.output());
    }

    /** A rule test that expects the wrong thing fails: promtool's verdict is read, not assumed. */
    @Test
    void aWrongExpectationFails() throws Exception {
        Path tests = tmp.resolve("wrong.test.yml");
        Files.writeString(tests, Files.readString(MonitoringFiles.RULE_TESTS)
                .replace("- " + MonitoringFiles.RULES.getFileName(), "- " + MonitoringFiles.RULES)
                .replace("summary: \"No node holds 198.51.100.50/24\"", "summary: \"No node holds it\""));
        ProcessResult r = promtool("test", "rules", tests.toString());
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(r.output().contains("FAILED") && r.output().contains("FloatipVipNotHeld"), r.output());
    }

    private static ProcessResult promtool(String... args) {
        Path promtool = HostTests.requireTool("promtool", "prometheus");
        List<String> argv = new java.util.ArrayList<>(List.of(promtool.toString()));
        argv.addAll(List.of(args));
        return MonitoringFiles.run(argv, Duration.ofSeconds(60));
    }
}
