package io.floatip.importer;

import java.util.Optional;

/**
 * Reads an authentication block. floatip has keepalived's PASS (VRRPv2 only); the password keeps its first
 * 8 characters, all that keepalived sends.
 */
final class AuthMapper {

    static final int MAX_PASSWORD = 8;

    private AuthMapper() {
    }

    /**
     * The {@code authentication} map, or empty (after a warning when something was set). The order of the
     * checks is keepalived's: vrrp_auth_type_handler (vrrp_parser.c) reads the type, then
     * vrrp_complete_instance (vrrp.c) drops it in strict mode, with VRRPv3, or without a password.
     */
    static Optional<YamlNode.MapNode> read(Statement auth, int version, boolean strict, Scope scope) {
        Statement type = null;
        Statement pass = null;
        for (Statement s : auth.children()) {
            switch (s.keyword()) {
                case "auth_type" -> type = s;
                case "auth_pass" -> pass = s;
                default -> scope.notMapped(s, Unmapped.why(s.keyword()));
            }
        }
        if (type == null && pass == null) {
            return Optional.empty();
        }
        String kind = type == null ? null : String.valueOf(type.arg(0));
        if (type == null) {
            scope.notMapped(auth, "auth_pass without auth_type: keepalived sends no authentication then, nor does "
                    + "floatip");
            return Optional.empty();
        }
        if (!"PASS".equals(kind) && !"AH".equals(kind)) {
            scope.notMapped(auth, "auth_type " + kind + " is neither PASS nor AH, which keepalived takes in upper "
                    + "case only: it ignores the type and sends no authentication, nor does floatip");
            return Optional.empty();
        }
        if (strict) {
            scope.notMapped(auth, "keepalived ignores authentication in strict mode (\"Strict mode does not support "
                    + "authentication\"): its adverts carry none, nor do floatip's");
            return Optional.empty();
        }
        if (version == 3) {
            scope.notMapped(auth, "VRRPv3 has no authentication; keepalived ignores it too");
            return Optional.empty();
        }
        String password = pass == null ? null : pass.arg(0);
        if (password == null || password.isEmpty()) {
            scope.notMapped(auth, "auth_type " + kind + " without auth_pass: keepalived ignores it and sends no "
                    + "authentication, nor does floatip");
            return Optional.empty();
        }
        if ("AH".equals(kind)) {
            scope.notMapped(auth, "auth_type AH: IPsec AH is not supported, only PASS");
            return Optional.empty();
        }
        if (password.length() > MAX_PASSWORD) {
            // Not shown: the comment must not leak it.
            scope.note("auth_pass has " + password.length() + " characters; keepalived sends only the first "
                    + MAX_PASSWORD + ", so those are written", pass.place());
            password = password.substring(0, MAX_PASSWORD);
        }
        for (int i = 0; i < password.length(); i++) {
            char c = password.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                scope.notMapped(String.format("auth_pass (character %d of %d is U+%04X; floatip takes printable "
                        + "ASCII only)", i + 1, password.length(), (int) c), pass.place());
                return Optional.empty();
            }
        }
        return Optional.of(new YamlNode.MapNode().put("type", YamlNode.text("pass"))
                .put("password", YamlNode.text(password)));
    }
}
