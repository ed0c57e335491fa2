package io.floatip.importer;

import static io.floatip.importer.Imports.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floatip.config.Command;
import io.floatip.config.Config;
import io.floatip.config.TrackedScript;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A config in pieces (a glob and a nested include) imports as one; broken input stops with FILE:LINE. */
class IncludeImportTest {

    private static String error(String name) {
        return assertThrows(ImportException.class, () -> Imports.corpus(name)).getMessage();
    }

    @Test
    void thePiecesComeTogether() throws Exception {
        ImportResult result = Imports.corpus("includes/keepalived.conf");
        Config config = load(result);
        assertEquals("included", config.global().routerId());
        assertEquals(Command.of("/etc/keepalived/check_inc.sh"), config.scripts().get("chk_inc").command());
        assertEquals(List.of(new TrackedScript("chk_inc", 0)), config.instances().get("VI_INC").trackScripts());
        // Warnings name the included file the script is in.
        assertEquals(List.of(
                "checks.inc:1 note: no script_user: keepalived runs scripts as keepalived_script, or root without "
                        + "that user; floatip runs them as floatip_script, which must exist, or as global.script_user",
                "checks.inc:1 note: no enable_script_security: floatip always refuses scripts a non-root user could "
                        + "change"), Imports.warnings(result));
    }

    @Test
    void brokenInputStopsWithOneLine() {
        Path broken = Imports.CORPUS.resolve("broken");
        assertEquals(broken.resolve("unclosed.conf") + ":1: the '{' of vrrp_instance is never closed",
                error("broken/unclosed.conf"));
        assertEquals(broken.resolve("extra-close.conf") + ":4: '}' without a matching '{'",
                error("broken/extra-close.conf"));
        assertEquals(broken.resolve("unclosed-quote.conf") + ":2: the \" quote is never closed on this line",
                error("broken/unclosed-quote.conf"));
        assertEquals(broken.resolve("missing-include.conf") + ":4: cannot read " + broken.resolve("does-not-exist.conf")
                + ": no such file", error("broken/missing-include.conf"));
        assertEquals(Imports.CORPUS.resolve("no-such.conf") + ": cannot read: no such file", error("no-such.conf"));
    }

    @Test
    void anIncludeCycle() {
        Path a = Imports.CORPUS.resolve("cycle/a.conf");
        Path b = Imports.CORPUS.resolve("cycle/b.conf");
        assertEquals(b + ":1: include cycle: " + a + " -> " + b + " -> " + a, error("cycle/a.conf"));
    }
}
