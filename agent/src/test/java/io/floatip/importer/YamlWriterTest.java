package io.floatip.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The shape of what the import prints: block style, comments where they were put. */
class YamlWriterTest {

    @Test
    void mapsListsAndComments() {
        YamlNode.MapNode root = new YamlNode.MapNode();
        root.comment("top note");
        root.put("global", new YamlNode.MapNode().put("router_id", YamlNode.text("lb1")));
        YamlNode.MapNode instance = new YamlNode.MapNode();
        instance.comment("about VI_1");
        instance.put("vrid", YamlNode.number(51));
        instance.put("preempt", YamlNode.typed("false"));
        instance.put("virtual_ips", new YamlNode.ListNode().add(YamlNode.text("198.51.100.50/24"))
                .comment("between items").add(YamlNode.text("198.51.100.51")));
        instance.put("track_scripts", new YamlNode.ListNode().add(YamlNode.text("chk"))
                .add(new YamlNode.MapNode().put("name", YamlNode.text("chk2")).put("weight", YamlNode.number(-30))));
        instance.put("notify", new YamlNode.MapNode());
        instance.put("unicast_peers", new YamlNode.ListNode());
        root.put("instances", new YamlNode.MapNode().put("VI:1", instance));
        assertEquals("""
                # top note
                global:
                  router_id: lb1

                instances:
                  "VI:1":
                    # about VI_1
                    vrid: 51
                    preempt: false
                    virtual_ips:
                      - 198.51.100.50/24
                      # between items
                      - 198.51.100.51
                    track_scripts:
                      - chk
                      - name: chk2
                        weight: -30
                    notify: {}
                    unicast_peers: []
                """, YamlWriter.write(root));
    }

    @Test
    void aKeyPutAgainKeepsItsPlace() {
        YamlNode.MapNode map = new YamlNode.MapNode().put("a", YamlNode.number(1)).put("b", YamlNode.number(2))
                .put("a", YamlNode.number(3));
        assertEquals("a: 3\n\nb: 2\n", YamlWriter.write(map));
    }
}
