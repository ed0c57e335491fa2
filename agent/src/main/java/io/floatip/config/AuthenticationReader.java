package io.floatip.config;

import java.util.Locale;
import java.util.Optional;

/**
 * Reads an instance's optional {@code authentication} section: the simple text password of RFC 2338, which
 * RFC 3768 keeps on the wire only as a reserved type. It guards against a misconfigured neighbour, not an
 * attacker (the password crosses the wire in clear); it is here because keepalived pairs that use it ignore
 * a node without it.
 */
final class AuthenticationReader {

    /** {@code password} null means none. */
    record Authentication(String password) {
        static final Authentication NONE = new Authentication(null);
    }

    private AuthenticationReader() {
    }

    /** @param version empty when the version itself is wrong: then the section is checked on its own */
    static Optional<Authentication> read(Section instance, Optional<Integer> version) {
        Optional<Field> field = instance.field("authentication");
        if (field.isEmpty()) {
            return Optional.of(Authentication.NONE);
        }
        boolean ok = true;
        if (version.isPresent() && version.get() == 3) {
            field.get().problems().at(field.get().keyMark(), field.get().path(), "VRRPv3 has no authentication "
                    + "(RFC 5798 removed it); remove this key, or use version: 2");
            ok = false;
        }
        Optional<Authentication> auth = field.get().section().flatMap(AuthenticationReader::read);
        return ok ? auth : Optional.empty();
    }

    private static Optional<Authentication> read(Section s) {
        Optional<String> type = s.optional("type", "none", AuthenticationReader::type);
        Optional<Field> password = s.field("password");
        s.finish();
        if (type.isEmpty()) {
            return Optional.empty();
        }
        if (type.get().equals("none")) {
            password.ifPresent(f -> f.problems().at(f.keyMark(), f.path(), "password applies only to type pass; "
                    + "remove it, or set type: pass"));
            return password.isEmpty() ? Optional.of(Authentication.NONE) : Optional.empty();
        }
        if (password.isEmpty()) {
            s.problems().at(s.mark(), s.pathOf("password"), "missing; type pass needs a password of 1 to "
                    + InstanceConfig.MAX_AUTH_PASSWORD_LENGTH + " printable ASCII characters");
            return Optional.empty();
        }
        return password(password.get()).map(Authentication::new);
    }

    private static Optional<String> type(Field field) {
        return field.text().flatMap(text -> switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "pass" -> Optional.of("pass");
            case "none" -> Optional.of("none");
            case "ah" -> {
                field.error("IP AH authentication is not supported (it is RFC 2338's, and RFC 3768 removed it); "
                        + "use pass or none");
                yield Optional.empty();
            }
            default -> {
                field.error("must be pass or none, got '" + text + "'");
                yield Optional.empty();
            }
        });
    }

    private static Optional<String> password(Field field) {
        return field.text().filter(password -> {
            int bad = AuthPasswords.firstNonPrintable(password);
            int max = InstanceConfig.MAX_AUTH_PASSWORD_LENGTH;
            if (password.isEmpty()) {
                field.error("must not be empty; write 1 to " + max + " characters, or use type: none");
            } else if (bad >= 0) {
                field.error("must be printable ASCII (space to '~'); character " + (bad + 1) + " is "
                        + String.format("U+%04X", (int) password.charAt(bad)));
            } else if (password.length() > max) {
                field.error("is " + password.length() + " characters; VRRPv2 carries " + max + " bytes and "
                        + "keepalived uses only the first " + max + ": keep those " + max + " (not shown here: "
                        + "errors end up in logs)");
            }
            return !password.isEmpty() && bad < 0 && password.length() <= max;
        });
    }
}
