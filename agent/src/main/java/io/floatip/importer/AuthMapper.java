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

    /** The {@code authentication} map, or empty (after a warning when something was set). */
    static Optional<YamlNode.MapNode> read(Statement auth, int version, Scope scope) {
        String type = null;
        Statement pass = null;
        for (Statement s : auth.children()) {
            switch (s.keyword()) {
                case "auth_type" -> type = s.arg(0);
                case "auth_pass" -> pass = s;
                default -> scope.notMapped(s, Unmapped.why(s.keyword()));
            }
        }
        if (type == null && pass == null) {
            return Optional.empty();
        }
        if (version == 3) {
            scope.notMapped(auth, "VRRPv3 has no authentication");
            return Optional.empty();
        }
        if (!"PASS".equals(type)) {
            scope.notMapped(auth, type == null ? "auth_pass without auth_type"
                    : "AH".equals(type) ? "IPsec AH is not supported" : "keepalived knows only PASS and AH");
            return Optional.empty();
        }
        String password = pass == null ? null : pass.arg(0);
        if (password == null || password.isEmpty()) {
            scope.notMapped(auth, "auth_type PASS without a password");
            return Optional.empty();
        }
        if (!password.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            scope.notMapped("auth_pass (not printable ASCII, which floatip needs)", pass.place());
            return Optional.empty();
        }
        if (password.length() > MAX_PASSWORD) {
            // Not shown: the comment must not leak it.
            scope.note("auth_pass has " + password.length() + " characters; keepalived sends only the first "
                    + MAX_PASSWORD + ", so those are written", pass.place());
            password = password.substring(0, MAX_PASSWORD);
        }
        return Optional.of(new YamlNode.MapNode().put("type", YamlNode.text("pass"))
                .put("password", YamlNode.text(password)));
    }
}
