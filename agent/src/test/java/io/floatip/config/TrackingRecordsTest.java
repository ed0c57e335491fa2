package io.floatip.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The new records refuse what the readers report, so a config built by hand cannot skip the rules. */
class TrackingRecordsTest {

    private static final Command TRUE = Command.of("/bin/true");
    private static final List<VirtualIp> VIPS = List.of(VirtualIpParser.parse("198.51.100.50/24"));

    private static ScriptConfig script(long interval, long timeout, int rise, int fall, int weight) {
        return new ScriptConfig("chk", TRUE, interval, timeout, rise, fall, weight, false);
    }

    private static InstanceConfig instance(String name, List<TrackedScript> scripts, List<TrackedInterface> interfaces,
            List<TrackedFile> files) {
        return InstanceConfig.builder(name, "eth0", name.equals("VI_1") ? 51 : 52).virtualIps(VIPS)
                .trackScripts(scripts).trackInterfaces(interfaces).trackFiles(files).build();
    }

    @Test
    void scriptRanges() {
        assertEquals(253, script(1, 1, 255, 255, 253).weight());
        assertEquals(-253, script(1, 1, 1, 1, -253).weight());
        assertThrows(IllegalArgumentException.class, () -> script(0, 1, 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> script(1, 0, 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> script(1, 1, 0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> script(1, 1, 1, 256, 0));
        assertThrows(IllegalArgumentException.class, () -> script(1, 1, 1, 1, 254));
        assertThrows(IllegalArgumentException.class, () -> script(1, 1, 1, 1, -254));
    }

    @Test
    void trackedItems() {
        assertThrows(IllegalArgumentException.class, () -> new TrackedScript("chk", 254));
        assertThrows(IllegalArgumentException.class, () -> new TrackedInterface("eth0:1", 0));
        assertThrows(IllegalArgumentException.class, () -> new TrackedInterface("eth1", -254));
        assertThrows(IllegalArgumentException.class, () -> new TrackedFile(Path.of("maint"), 1));
        assertThrows(IllegalArgumentException.class, () -> new TrackedFile(Path.of("/maint"), 254));
    }

    @Test
    void syncGroupNeedsTwoDifferentInstances() {
        assertThrows(IllegalArgumentException.class, () -> new SyncGroupConfig("G", List.of("VI_1"), NotifyConfig.NONE));
        assertThrows(IllegalArgumentException.class,
                () -> new SyncGroupConfig("G", List.of("VI_1", "VI_1"), NotifyConfig.NONE));
    }

    @Test
    void instanceTracksEachThingOnce() {
        assertThrows(IllegalArgumentException.class, () -> instance("VI_1",
                List.of(new TrackedScript("chk", 1), new TrackedScript("chk", 2)), List.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> instance("VI_1", List.of(),
                List.of(TrackedInterface.of("eth1"), new TrackedInterface("eth1", -5)), List.of()));
        assertThrows(IllegalArgumentException.class, () -> instance("VI_1", List.of(), List.of(),
                List.of(new TrackedFile(Path.of("/a/b"), 1), new TrackedFile(Path.of("/a/./b"), 1))));
    }

    @Test
    void oldConstructorsTrackNothing() {
        InstanceConfig instance = InstanceConfig.builder("VI_1", "eth0", 51).virtualIps(VIPS).build();
        assertEquals(List.of(), instance.trackScripts());
        assertEquals(NotifyConfig.NONE, instance.notifications());
        GlobalConfig global = new GlobalConfig("lb1", "info");
        assertNull(global.scriptUser());
        assertNull(global.notifyFifo());
        Config config = new Config(global, Map.of("VI_1", instance), Path.of("x.yaml"));
        assertEquals(Map.of(), config.scripts());
        assertEquals(Map.of(), config.syncGroups());
    }

    @Test
    void globalRefusesABadUserOrARelativeFifo() {
        assertThrows(IllegalArgumentException.class, () -> new GlobalConfig("lb1", "info", "a b", false, null));
        assertThrows(IllegalArgumentException.class, () -> new GlobalConfig("lb1", "info", "", false, null));
        assertThrows(IllegalArgumentException.class,
                () -> new GlobalConfig("lb1", "info", null, false, Path.of("notify.fifo")));
    }

    @Test
    void configRefusesReferencesToNothing() {
        GlobalConfig global = new GlobalConfig("lb1", "info");
        InstanceConfig vi1 = instance("VI_1", List.of(new TrackedScript("chk", 0)), List.of(), List.of());
        InstanceConfig vi2 = instance("VI_2", List.of(), List.of(), List.of());
        Map<String, InstanceConfig> instances = Map.of("VI_1", vi1, "VI_2", vi2);
        Map<String, ScriptConfig> scripts = Map.of("chk", script(1, 1, 1, 1, 0));
        Path source = Path.of("x.yaml");
        SyncGroupConfig a = new SyncGroupConfig("A", List.of("VI_1", "VI_2"), NotifyConfig.NONE);

        assertEquals(1, new Config(global, instances, source, scripts, Map.of("A", a)).syncGroups().size());
        assertThrows(IllegalArgumentException.class, () -> new Config(global, instances, source, Map.of(), Map.of()));
        SyncGroupConfig unknown = new SyncGroupConfig("B", List.of("VI_1", "VI_9"), NotifyConfig.NONE);
        assertThrows(IllegalArgumentException.class,
                () -> new Config(global, instances, source, scripts, Map.of("B", unknown)));
        SyncGroupConfig again = new SyncGroupConfig("B", List.of("VI_2", "VI_1"), NotifyConfig.NONE);
        assertThrows(IllegalArgumentException.class,
                () -> new Config(global, instances, source, scripts, Map.of("A", a, "B", again)));
    }
}
