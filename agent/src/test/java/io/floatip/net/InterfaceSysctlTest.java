package io.floatip.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-interface sysctls read and written as files under a root (here a test's directory). */
class InterfaceSysctlTest {
    @TempDir
    Path root;

    @Test
    void readsWritesAndSaysMinusOneForWhatIsNotThere() throws Exception {
        Path dir = Files.createDirectories(root.resolve("ipv4/conf/vrrp.51"));
        Files.writeString(dir.resolve("arp_ignore"), "0\n");
        InterfaceSysctl sysctl = new InterfaceSysctl(root, null);
        assertEquals(0, sysctl.get("ipv4", "vrrp.51", "arp_ignore"));
        sysctl.set("ipv4", "vrrp.51", "arp_ignore", 1);
        assertEquals("1", Files.readString(dir.resolve("arp_ignore")));
        assertEquals(1, sysctl.get("ipv4", "vrrp.51", "arp_ignore"));
        assertEquals(-1, sysctl.get("ipv4", "eth9", "arp_ignore"));
    }

    @Test
    void anInterfaceNameCannotLeaveTheTree() {
        InterfaceSysctl sysctl = new InterfaceSysctl(root, null);
        assertThrows(IllegalArgumentException.class, () -> sysctl.get("ipv4", "../../x", "arp_ignore"));
        assertThrows(IllegalArgumentException.class, () -> sysctl.get("ipv4", "..", "arp_ignore"));
    }
}
