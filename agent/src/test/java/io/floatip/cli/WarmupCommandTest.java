package io.floatip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The classes warmup names for the class-data archive, beyond what it walks. */
class WarmupCommandTest {
    @Test
    void everyNamedStartClassExistsHere() throws Exception {
        List<String> names = WarmupCommand.startClasses();
        assertTrue(names.size() > 100, "the list is read: " + names.size());
        assertTrue(names.contains("java.lang.ProcessImpl"), "a start spawns nft: its classes are listed");
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            try {
                Class.forName(name, false, WarmupCommandTest.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                missing.add(name);
            }
        }
        assertEquals(List.of(), missing, "renamed or gone: the archive would silently lack them");
    }
}
