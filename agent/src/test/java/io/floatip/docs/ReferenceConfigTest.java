package io.floatip.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * REFERENCE.md's configuration in full (the block marked {@code <!-- check: config reference -->}) shows every
 * key the loader takes, in every section, as a key of the YAML itself (a key named only in a comment does not
 * count): the next key added to the loader fails here until the reference shows it. That it loads at all, and
 * so has no key the loader does not take, is DocsCommandsTest's check of every config block.
 */
class ReferenceConfigTest {

    @Test
    void theFullExampleShowsEveryKeyTheLoaderTakes() throws Exception {
        List<Markdown.Block> marked = Markdown.blocks(List.of(Markdown.REPO.resolve("REFERENCE.md"))).stream()
                .filter(b -> "config reference".equals(b.marker())).toList();
        assertEquals(1, marked.size(), "REFERENCE.md has one <!-- check: config reference --> block");
        JsonNode shown = new ObjectMapper(new YAMLFactory()).readTree(String.join("\n", marked.get(0).lines()));

        Set<String> showing = new TreeSet<>();
        collect(shown, "", showing);
        Set<String> missing = new TreeSet<>();
        Map<String, List<String>> schema = SchemaKeys.bySection();
        assertTrue(schema.size() >= 12 && schema.containsKey("instances.VI_1"), schema.toString());
        schema.forEach((section, keys) -> keys.stream().map(key -> general(section) + "/" + key)
                .filter(key -> !showing.contains(key)).forEach(missing::add));
        assertEquals(Set.of(), missing, marked.get(0).where() + ": keys the loader takes that the block does not show");
    }

    @Test
    void aKeyOnlyInACommentIsNotShown() throws Exception {
        Set<String> showing = new TreeSet<>();
        collect(new ObjectMapper(new YAMLFactory()).readTree("""
                instances:
                  VI_1:
                    track_scripts: [chk]   # or {name: chk, weight: -30}
                    unicast_peers: [{address: 198.51.100.12, min_ttl: 250}]
                """), "", showing);
        assertEquals(Set.of("/instances", "instances/VI_1", "instances.*/track_scripts", "instances.*/unicast_peers",
                "instances.*.unicast_peers[]/address", "instances.*.unicast_peers[]/min_ttl"), showing);
        assertEquals("instances.*.track_scripts[]", general("instances.VI_1.track_scripts[0]"));
        assertEquals("", general(""));
    }

    /** Every key of the tree as "SECTION/key", the section named as {@link #general} names it. */
    private static void collect(JsonNode node, String section, Set<String> into) {
        if (node.isArray()) {
            node.forEach(element -> collect(element, section + "[0]", into));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            into.add(general(section) + "/" + field.getKey());
            collect(field.getValue(), section.isEmpty() ? field.getKey() : section + "." + field.getKey(), into);
        }
    }

    /**
     * A section path with the user's names (of scripts, processes, instances, groups) as "*" and list indexes
     * as "[]", so the block's VI_1 and chk_haproxy and the schema's VI_1 and chk name the same section.
     */
    static String general(String section) {
        List<String> parts = new ArrayList<>(List.of(section.split("\\.")));
        if (parts.size() >= 2 && Set.of("scripts", "processes", "instances", "sync_groups").contains(parts.get(0))) {
            parts.set(1, "*");
        }
        return String.join(".", parts).replaceAll("\\[\\d+]", "[]");
    }
}
