package io.floatip.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Include patterns: what counts as one, and paths kept relative when the including file's name was. */
class GlobTest {

    private static final String CONF_D = "src/test/resources/keepalived/includes/conf.d";

    @Test
    void whatIsAPattern() {
        assertTrue(Glob.isPattern("conf.d/*.conf"));
        assertTrue(Glob.isPattern("a?.conf"));
        assertTrue(Glob.isPattern("[ab].conf"));
        assertTrue(Glob.isPattern("{a,b}.conf"));
        assertFalse(Glob.isPattern("conf.d/a.conf"));
    }

    @Test
    void withoutABaseTheCurrentDirectoryIsUsedAndPathsStayRelative() throws Exception {
        // A main file named without a directory has no parent: its includes are relative to where we run.
        assertEquals(List.of(Path.of(CONF_D, "10-global.conf"), Path.of(CONF_D, "20-checks.conf"),
                Path.of(CONF_D, "30-instance.conf")), Glob.expand(null, CONF_D + "/*.conf"));
        assertEquals(List.of(Path.of("x.conf")), Glob.expand(null, "x.conf"));
    }

    @Test
    void aLiteralNameIsReturnedWhetherItExistsOrNot() throws Exception {
        assertEquals(List.of(Path.of("base/missing.conf")), Glob.expand(Path.of("base"), "missing.conf"));
        assertEquals(List.of(Path.of("/etc/x.conf")), Glob.expand(Path.of("base"), "/etc/x.conf"));
    }

    @Test
    void aPatternMatchesOnlyRegularFiles() throws Exception {
        assertEquals(List.of(), Glob.expand(Path.of("src/test/resources/keepalived"), "includes/conf.*"));
        assertEquals(List.of(Path.of(CONF_D, "notes.txt")), Glob.expand(Path.of(CONF_D), "*.txt"));
    }
}
