package io.floatip.config;

import static io.floatip.config.Yaml.assertError;
import static io.floatip.config.Yaml.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The authentication section (VRRPv2 only): each mistake is one line, at the value or key that causes it. */
class AuthenticationErrorsTest {

    /** A valid VRRPv2 instance on lines 1..6; {@code lines} start at line 7, under VI_1. */
    private static String v2With(String lines) {
        return Yaml.instanceWith("version: 2\n" + lines);
    }

    @Test
    void versionThreeHasNoAuthenticationReportedAtTheKey() {
        assertEquals(List.of("bad.yaml:6:5: instances.VI_1.authentication: VRRPv3 has no authentication (RFC 5798 "
                + "removed it); remove this key, or use version: 2"), errors("""
                instances:
                  VI_1:
                    interface: eth0
                    vrid: 51
                    virtual_ips: [198.51.100.50]
                    authentication: {type: pass, password: s3cr3t}
                """));
    }

    @Test
    void ahHasItsOwnMessage() {
        assertEquals(List.of("bad.yaml:8:13: instances.VI_1.authentication.type: IP AH authentication is not "
                + "supported (it is RFC 2338's, and RFC 3768 removed it); use pass or none"), errors(v2With("""
                authentication:
                  type: AH
                """)));
    }

    @Test
    void unknownType() {
        assertError("bad.yaml:8:13: instances.VI_1.authentication.type: must be pass or none, got 'md5'", v2With("""
                authentication:
                  type: md5
                  password: s3cr3t
                """));
    }

    @Test
    void passWithoutPasswordIsReportedAtTheSection() {
        assertEquals(List.of("bad.yaml:8:7: instances.VI_1.authentication.password: missing; type pass needs a "
                + "password of 1 to 8 printable ASCII characters"), errors(v2With("""
                authentication:
                  type: pass
                """)));
    }

    @Test
    void passwordLongerThanEightIsAnErrorThatDoesNotEchoThePassword() {
        assertEquals(List.of("bad.yaml:9:17: instances.VI_1.authentication.password: is 15 characters; VRRPv2 "
                + "carries 8 bytes and keepalived uses only the first 8: keep those 8 (not shown here: errors "
                + "end up in logs)"), errors(v2With("""
                authentication:
                  type: pass
                  password: s3cr3t-password
                """)));
    }

    @Test
    void emptyPassword() {
        assertError("bad.yaml:9:17: instances.VI_1.authentication.password: must not be empty; write 1 to 8 "
                + "characters, or use type: none", v2With("""
                authentication:
                  type: pass
                  password: ""
                """));
    }

    @Test
    void passwordWithNoValue() {
        assertError("bad.yaml:9:7: instances.VI_1.authentication.password: has no value", v2With("""
                authentication:
                  type: pass
                  password:
                """));
    }

    @Test
    void nonAsciiPasswordNamesTheCharacter() {
        assertError("bad.yaml:9:17: instances.VI_1.authentication.password: must be printable ASCII (space to '~'); "
                + "character 2 is U+00E4", v2With("""
                authentication:
                  type: pass
                  password: "pässwd"
                """));
    }

    @Test
    void controlCharacterInPassword() {
        assertError("bad.yaml:9:17: instances.VI_1.authentication.password: must be printable ASCII (space to '~'); "
                + "character 3 is U+0009", v2With("""
                authentication:
                  type: pass
                  password: "ab\\tcd"
                """));
    }

    @Test
    void passwordWithTypeNoneIsReportedAtTheKey() {
        assertEquals(List.of("bad.yaml:9:7: instances.VI_1.authentication.password: password applies only to type "
                + "pass; remove it, or set type: pass"), errors(v2With("""
                authentication:
                  type: none
                  password: s3cr3t
                """)));
    }

    @Test
    void passwordWithoutTypeMeansTypeNone() {
        assertError("bad.yaml:8:7: instances.VI_1.authentication.password: password applies only to type pass; "
                + "remove it, or set type: pass", v2With("""
                authentication:
                  password: s3cr3t
                """));
    }

    @Test
    void notAMap() {
        assertError("bad.yaml:7:21: instances.VI_1.authentication: must be a map of keys, got the single value "
                + "'pass'", v2With("""
                authentication: pass
                """));
    }

    @Test
    void keepalivedSpellingsInsideTheSection() {
        assertEquals(List.of(
                "bad.yaml:8:7: instances.VI_1.authentication.auth_type: unknown key; did you mean 'type'?",
                "bad.yaml:9:7: instances.VI_1.authentication.auth_pass: unknown key; did you mean 'password'?"),
                errors(v2With("""
                authentication:
                  auth_type: PASS
                  auth_pass: s3cr3t
                """)));
    }

    @Test
    void keepalivedSpellingsBesideTheSection() {
        assertEquals(List.of(
                "bad.yaml:7:5: instances.VI_1.auth_type: unknown key; write it as 'type' under 'authentication'",
                "bad.yaml:8:5: instances.VI_1.auth_pass: unknown key; write it as 'password' under 'authentication'"),
                errors(v2With("""
                auth_type: PASS
                auth_pass: s3cr3t
                """)));
    }
}
