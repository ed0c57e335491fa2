package io.floatip.config;

import static io.floatip.config.Yaml.assertError;
import static io.floatip.config.Yaml.errors;
import static io.floatip.config.Yaml.instanceWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** unicast_source and unicast_peers: each mistake is one line at the value (or key) that causes it. */
class UnicastErrorsTest {

    @Test
    void sourceNotAnAddress() {
        assertError("bad.yaml:6:21: instances.VI_1.unicast_source: must be an IPv4 address like 198.51.100.11, "
                + "got 'lb1.example'", instanceWith("""
                unicast_source: lb1.example
                unicast_peers: [198.51.100.12]
                """));
    }

    @Test
    void sourceWithAPrefixLength() {
        assertError("bad.yaml:6:21: instances.VI_1.unicast_source: must be a single address without a prefix "
                + "length, like 198.51.100.11, got '198.51.100.11/24'", instanceWith("""
                unicast_source: 198.51.100.11/24
                unicast_peers: [198.51.100.12]
                """));
    }

    @Test
    void sourceIpv6IsNotSupportedYet() {
        assertError("bad.yaml:6:21: instances.VI_1.unicast_source: IPv6 unicast addresses are not supported yet, "
                + "got '2001:db8::11'", instanceWith("""
                unicast_source: "2001:db8::11"
                unicast_peers: [198.51.100.12]
                """));
    }

    @Test
    void sourceWithoutPeersIsReportedAtTheKey() {
        assertEquals(List.of("bad.yaml:6:5: instances.VI_1.unicast_source: unicast_source only applies with "
                + "unicast_peers; add unicast_peers, or name the source of multicast adverts with multicast_source"), errors(instanceWith("""
                unicast_source: 198.51.100.11
                """)));
    }

    @Test
    void peerNotAnAddress() {
        assertError("bad.yaml:6:36: instances.VI_1.unicast_peers[1]: must be an IPv4 address like 198.51.100.12, "
                + "got 'lb2.example'", instanceWith("""
                unicast_peers: [198.51.100.12, lb2.example]
                """));
    }

    @Test
    void peerOctetAbove255() {
        assertError("bad.yaml:7:9: instances.VI_1.unicast_peers[0]: each part of an IPv4 address must be 0 to 255, "
                + "got '198.51.100.256'", instanceWith("""
                unicast_peers:
                  - 198.51.100.256
                """));
    }

    @Test
    void peerIpv6IsNotSupportedYet() {
        assertError("bad.yaml:7:9: instances.VI_1.unicast_peers[0]: IPv6 unicast addresses are not supported yet, "
                + "got '2001:db8::12'", instanceWith("""
                unicast_peers:
                  - "2001:db8::12"
                """));
    }

    @Test
    void peerAddressInAMapWithAPrefixLength() {
        assertError("bad.yaml:7:18: instances.VI_1.unicast_peers[0].address: must be a single address without a "
                + "prefix length, like 198.51.100.12, got '198.51.100.12/32'", instanceWith("""
                unicast_peers:
                  - address: 198.51.100.12/32
                """));
    }

    @Test
    void peerThatIsAList() {
        assertError("bad.yaml:6:21: instances.VI_1.unicast_peers[0]: must be an address like 198.51.100.12, or a "
                + "map with address, min_ttl and max_ttl, got a list", instanceWith("""
                unicast_peers: [[198.51.100.12]]
                """));
    }

    @Test
    void peersThatAreASingleValue() {
        assertError("bad.yaml:6:20: instances.VI_1.unicast_peers: must be a list, got the single value "
                + "'198.51.100.12'; write it as [198.51.100.12]", instanceWith("""
                unicast_peers: 198.51.100.12
                """));
    }

    @Test
    void emptyPeerList() {
        assertError("bad.yaml:6:20: instances.VI_1.unicast_peers: must list at least one peer, like "
                + "[198.51.100.12]; remove the key to use multicast", instanceWith("""
                unicast_peers: []
                """));
    }

    @Test
    void peerMapWithoutAddress() {
        assertError("bad.yaml:7:9: instances.VI_1.unicast_peers[0].address: missing; this key is required",
                instanceWith("""
                unicast_peers:
                  - {min_ttl: 250}
                """));
    }

    @Test
    void ttlAbove255() {
        assertError("bad.yaml:7:43: instances.VI_1.unicast_peers[0].min_ttl: must be between 0 and 255, got 256",
                instanceWith("""
                unicast_peers:
                  - {address: 198.51.100.13, min_ttl: 256}
                """));
    }

    @Test
    void ttlNotANumber() {
        assertError("bad.yaml:8:18: instances.VI_1.unicast_peers[0].max_ttl: must be a whole number between 0 and "
                + "255, got 'high'", instanceWith("""
                unicast_peers:
                  - address: 198.51.100.13
                    max_ttl: high
                """));
    }

    @Test
    void minTtlAboveMaxTtlIsReportedAtThePeer() {
        assertEquals(List.of("bad.yaml:7:9: instances.VI_1.unicast_peers[0]: min_ttl 255 is above max_ttl 250; "
                + "swap them"), errors(instanceWith("""
                unicast_peers:
                  - address: 198.51.100.13
                    min_ttl: 255
                    max_ttl: 250
                """)));
    }

    @Test
    void unknownKeyInAPeerSuggestsTheNearest() {
        assertError("bad.yaml:7:34: instances.VI_1.unicast_peers[0].min_tll: unknown key; did you mean 'min_ttl'?",
                instanceWith("""
                unicast_peers:
                  - {address: 198.51.100.13, min_tll: 250}
                """));
    }

    @Test
    void samePeerTwiceNamesTheFirst() {
        assertEquals(List.of("bad.yaml:9:18: instances.VI_1.unicast_peers[2]: 198.51.100.12 is listed twice (first "
                + "at line 7, column 9); remove one"), errors(instanceWith("""
                unicast_peers:
                  - 198.51.100.12
                  - 198.51.100.13
                  - address: 198.51.100.12
                    min_ttl: 250
                """)));
    }

    @Test
    void peerEqualToTheSource() {
        assertEquals(List.of("bad.yaml:7:36: instances.VI_1.unicast_peers[1]: 198.51.100.11 is this node's "
                + "unicast_source (line 6); list only the other nodes"), errors(instanceWith("""
                unicast_source: 198.51.100.11
                unicast_peers: [198.51.100.12, 198.51.100.11]
                """)));
    }

    @Test
    void keepalivedSpellingsPointToOurs() {
        List<String> errors = errors(instanceWith("""
                unicast_src_ip: 198.51.100.11
                unicast_peer: [198.51.100.12]
                """));
        assertEquals(List.of(
                "bad.yaml:6:5: instances.VI_1.unicast_src_ip: unknown key; did you mean 'unicast_source'?",
                "bad.yaml:7:5: instances.VI_1.unicast_peer: unknown key; did you mean 'unicast_peers'?"), errors);
    }
}
