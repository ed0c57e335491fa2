package io.floatip.importer;

import static io.floatip.importer.Imports.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.config.Command;
import io.floatip.config.Config;
import io.floatip.config.InstanceConfig;
import io.floatip.config.ScriptConfig;
import io.floatip.config.TrackedFile;
import io.floatip.config.TrackedInterface;
import io.floatip.config.TrackedScript;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** track_script, track_interface and track_file, with and without weights, and what cannot come over. */
class TrackingImportTest {

    @Test
    void scripts() throws Exception {
        Config config = load(Imports.corpus("tracking.conf"));
        assertEquals(List.of("chk_web", "chk_db"), List.copyOf(config.scripts().keySet()));
        ScriptConfig web = config.scripts().get("chk_web");
        assertEquals(Command.of("/etc/keepalived/check_web.sh"), web.command());
        assertEquals(3_000, web.intervalMillis());
        assertEquals(3_000, web.timeoutMillis());
        assertEquals(3, web.rise());
        assertEquals(2, web.fall());
        assertEquals(0, web.weight());
        assertTrue(web.initFail());
        ScriptConfig db = config.scripts().get("chk_db");
        assertEquals(Command.of("/etc/keepalived/check_db.sh", "--port", "5432"), db.command());
        assertEquals(10, db.weight());
        assertFalse(db.initFail());
    }

    @Test
    void theInstanceTracksWithTheWeightsItSets() throws Exception {
        InstanceConfig vi = load(Imports.corpus("tracking.conf")).instances().get("VI_TRACK");
        assertEquals(List.of(new TrackedScript("chk_web", 0), new TrackedScript("chk_db", 20)), vi.trackScripts());
        // eth0 is the instance's own interface: keepalived ignores tracking it.
        assertEquals(List.of(new TrackedInterface("eth1", 0), new TrackedInterface("eth2", -50)),
                vi.trackInterfaces());
        assertEquals(List.of(new TrackedFile(Path.of("/etc/keepalived/maint"), 1),
                new TrackedFile(Path.of("/var/run/keepalived bias"), 4)), vi.trackFiles());
    }

    @Test
    void reverseWeightsAndUnknownNamesAreLeftOut() throws Exception {
        ImportResult result = Imports.corpus("tracking.conf");
        assertEquals(List.of(
                "tracking.conf:22 not mapped: weight 10 reverse (floatip has no reverse weights)",
                "tracking.conf:20 not mapped: vrrp_script chk_reversed (its weight cannot be carried over, and any "
                        + "other weight would change what a failure does)",
                "tracking.conf:32 not mapped: init_file 0 (floatip does not create or write the file)",
                "tracking.conf:45 not mapped: chk_reversed (no vrrp_script of that name was mapped)",
                "tracking.conf:46 not mapped: chk_missing (no vrrp_script of that name was mapped)",
                "tracking.conf:49 note: eth0: keepalived ignores tracking the instance's own interface, and floatip "
                        + "watches its link anyway",
                "tracking.conf:52 not mapped: eth3 weight 30 reverse (floatip has no reverse weights)",
                "tracking.conf:7 note: no enable_script_security: floatip always refuses scripts a non-root user "
                        + "could change"), Imports.warnings(result));
    }
}
