package io.floatip.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every string comes back from a YAML parser as that same string, never as a number, boolean or null. */
class YamlTextTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    private static JsonNode readBack(String scalar) throws Exception {
        return YAML.readTree("key: " + scalar + "\n").get("key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234", "-0", "+5", "0x1F", "0o17", "017", "1e3", "1_000", ".5", "5.", "3.14", "true",
        "False", "yes", "NO", "on", "off", "y", "n", "null", "~", "", " lead", "trail ", "two  spaces", "eth0:1",
        "a: b", "a # b", "#x", "'quoted'", "\"dq\"", "back\\slash", "tab\there", "line\nbreak", "@x", "%x", "*x",
        "&x", "!x", "[x]", "{x}", "- x", "-x", "?x", "|x", ">x", ",x", "/bin/sh -c 'exit 1'", "é", ".inf", ".nan"})
    void readsBackAsTheSameString(String text) throws Exception {
        String written = YamlText.scalar(text);
        JsonNode node = readBack(written);
        assertTrue(node.isTextual(), () -> written + " reads back as " + node.getNodeType());
        assertEquals(text, node.asText(), () -> "written as " + written);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lb1", "VI_1", "eth0", "198.51.100.50", "198.51.100.50/24", "/etc/keepalived/notify.sh",
        "/etc/keepalived/check.sh --port 5432", "s3cr3t", "1.5s", "keepalived_script", "a=b", "x-y"})
    void plainTextStaysBare(String text) throws Exception {
        assertEquals(text, YamlText.scalar(text));
        assertEquals(text, readBack(text).asText());
    }
}
