package io.floatip.config;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

/** Test helpers: parse config text named {@code bad.yaml} and look at the error lines. */
final class Yaml {

    static final String SOURCE = "bad.yaml";

    private Yaml() {
    }

    static List<String> errors(String text) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.parse(text, SOURCE)).errors();
    }

    /** Asserts that {@code expected} is one of the error lines, exactly. */
    static void assertError(String expected, String text) {
        List<String> errors = errors(text);
        assertTrue(errors.contains(expected), () -> "expected the line\n  " + expected + "\nin\n  "
                + String.join("\n  ", errors));
    }

    /** Asserts that there is exactly one error and that it starts with {@code prefix}. */
    static String assertOnlyErrorStartsWith(String prefix, String text) {
        List<String> errors = errors(text);
        assertTrue(errors.size() == 1 && errors.get(0).startsWith(prefix),
                () -> "expected one line starting\n  " + prefix + "\nbut got\n  " + String.join("\n  ", errors));
        return errors.get(0);
    }
}
