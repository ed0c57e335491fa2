package io.floatip.importer;

import java.util.List;
import java.util.Optional;

/**
 * Reads global_defs: router_id, script_user and notify_fifo go to floatip's {@code global}; the VRRP version,
 * strict mode and gratuitous ARP settings become the defaults of every instance, as keepalived's alloc_vrrp
 * (keepalived/vrrp/vrrp_data.c) copies them into each instance it makes.
 */
final class GlobalMapper {

    private static final List<String> BOOLEAN_TRUE = List.of("on", "true", "yes");
    private static final List<String> BOOLEAN_FALSE = List.of("off", "false", "no");

    private final YamlNode.MapNode global = new YamlNode.MapNode();
    private final Scope scope;
    private final Defaults defaults = new Defaults();
    private Place fifo;
    /** The keyword of the FIFO written (notify_fifo or vrrp_notify_fifo): only its own script is its reader. */
    private String fifoKeyword;
    private final List<Statement> fifoScripts = new java.util.ArrayList<>();
    private final java.util.Set<String> fifoKeywordsSeen = new java.util.HashSet<>();
    private Place command;
    private boolean scriptUser;
    private boolean scriptSecurity;

    /** What instances take when they set nothing themselves; null means keepalived's own default. */
    static final class Defaults {
        Integer version;
        Long garpDelayMillis;
        Integer garpRepeat;
        Long garpRefreshMillis;
        Place garpRefreshPlace;
        /** vrrp_garp_interval, vrrp_gna_interval in ms: the IPv4 and the IPv6 instances' garp.interval. */
        long garpIntervalMillis;
        long gnaIntervalMillis;
        /** vrrp_skip_check_adv_addr: every instance's skip_check_adv_addr unless it sets its own. */
        boolean skipCheckAdvAddr;
        boolean strict;
    }

    /** keepalived's default multicast groups (global_data.c): setting them changes nothing. */
    static final String MCAST_GROUP4 = "224.0.0.18";
    static final String MCAST_GROUP6 = "ff02::12";

    /** @param scope the top of the output: global warnings are about the whole file */
    GlobalMapper(Scope scope) {
        this.scope = scope;
    }

    YamlNode.MapNode global() {
        return global;
    }

    Defaults defaults() {
        return defaults;
    }

    boolean setsScriptUser() {
        return scriptUser;
    }

    boolean setsScriptSecurity() {
        return scriptSecurity;
    }

    /** Where global_defs sets a command floatip runs (the FIFO's reader), or null. */
    Place command() {
        return command;
    }

    void read(Statement globalDefs) {
        for (Statement s : globalDefs.children()) {
            switch (s.keyword()) {
                case "router_id" -> value(s).ifPresent(id -> global.put("router_id", YamlNode.text(id)));
                case "script_user" -> scriptUser(s);
                case "enable_script_security" -> {
                    scriptSecurity = true;
                    scope.note(s.text() + ": floatip always refuses scripts a non-root user could change",
                            s.place());
                }
                case "notify_fifo", "vrrp_notify_fifo" -> fifo(s);
                case "notify_fifo_script", "vrrp_notify_fifo_script" -> fifoScripts.add(s);
                case "vrrp_garp_master_delay" -> Numbers.secondsAsMillis(s.arg(0)).ifPresentOrElse(
                        ms -> defaults.garpDelayMillis = ms, () -> scope.notMapped(s, "not a number of seconds"));
                case "vrrp_garp_master_repeat" -> Numbers.integer(s.arg(0), 1, 255).ifPresentOrElse(
                        n -> defaults.garpRepeat = n, () -> scope.notMapped(s, "floatip sends 1 to 255"));
                case "vrrp_garp_master_refresh" -> Numbers.secondsAsMillis(s.arg(0))
                        .filter(ms -> ms % 1_000 == 0 && (ms == 0 || ms >= 1_000)).ifPresentOrElse(
                                ms -> {
                                    defaults.garpRefreshMillis = ms;
                                    defaults.garpRefreshPlace = s.place();
                                },
                                () -> scope.notMapped(s, "keepalived takes whole seconds here"));
                case "vrrp_garp_interval" -> garpInterval(s).ifPresent(ms -> defaults.garpIntervalMillis = ms);
                case "vrrp_gna_interval" -> garpInterval(s).ifPresent(ms -> defaults.gnaIntervalMillis = ms);
                case "vrrp_min_garp" -> minGarp(s);
                case "vrrp_strict" -> strict(s);
                case "vrrp_skip_check_adv_addr" -> onOff(s).ifPresent(on -> defaults.skipCheckAdvAddr = on);
                case "vrrp_mcast_group4", "vrrp_mcast_group6" -> mcastGroup(s);
                case "vrrp_version" -> Numbers.integer(s.arg(0), 2, 3).ifPresentOrElse(
                        v -> defaults.version = v, () -> scope.notMapped(s, "the version is 2 or 3"));
                default -> scope.notMapped(s, Unmapped.why(s.keyword()));
            }
        }
        fifoScripts.forEach(this::fifoScript);
        fifoScripts.clear();
    }

    /**
     * global_parser.c notify_fifo_script: the reader of the FIFO with the same prefix, which vrrp.c starts
     * (notify.c fifo_open) only when that FIFO is set, with the FIFO's path appended (add_script_param).
     * floatip writes one FIFO: the reader of the other one is left out.
     */
    private void fifoScript(Statement s) {
        String forFifo = s.keyword().substring(0, s.keyword().length() - "_script".length());
        if (!forFifo.equals(fifoKeyword)) {
            scope.notMapped(s, fifoKeywordsSeen.contains(forFifo)
                    ? "it reads " + forFifo + ", which floatip does not write: it writes one FIFO, the one at " + fifo
                    : "keepalived starts it only with " + forFifo + ", which is not set");
            return;
        }
        if (global.get("notify_fifo_script").isPresent()) {
            scope.notMapped(s, "floatip starts one reader, the one set before");
            return;
        }
        Commands.read(s, scope).ifPresent(argv -> {
            global.put("notify_fifo_script", Commands.node(argv));
            command = command == null ? s.place() : command;
            scope.note(s.keyword() + ": floatip starts it with the FIFO's path last, as keepalived does, and "
                    + "starts it again when it exits (keepalived does not)", s.place());
            if (s.args().size() > 1) {
                scope.notMapped("user " + String.join(" ", s.args().subList(1, s.args().size())) + " of "
                        + s.keyword() + " (floatip runs it as global.script_user)", s.place());
            }
        });
    }

    private Optional<String> value(Statement s) {
        if (s.args().isEmpty() || s.arg(0).isBlank()) {
            scope.notMapped(s, "no value");
            return Optional.empty();
        }
        return Optional.of(s.arg(0));
    }

    private void scriptUser(Statement s) {
        value(s).ifPresent(user -> {
            global.put("script_user", YamlNode.text(user));
            scriptUser = true;
            if (s.args().size() > 1) {
                scope.notMapped("group " + s.arg(1) + " of " + s.text() + " (floatip runs scripts with the user's "
                        + "own groups)", s.place());
            }
        });
    }

    private void fifo(Statement s) {
        fifoKeywordsSeen.add(s.keyword());
        Optional<String> path = value(s);
        if (path.isEmpty()) {
            return;
        }
        if (!path.get().startsWith("/")) {
            scope.notMapped(s, "floatip needs an absolute path");
        } else if (fifo != null) {
            scope.notMapped(s, "floatip writes one notify_fifo, the one at " + fifo);
        } else {
            fifo = s.place();
            fifoKeyword = s.keyword();
            global.put("notify_fifo", YamlNode.text(path.get()));
            scope.note(s.keyword() + " " + path.get() + ": floatip makes the FIFO when it is missing (mode 0600), "
                    + "as keepalived does, and writes keepalived's lines to it", s.place());
            if (s.args().size() > 1) {
                scope.notMapped("owner " + String.join(" ", s.args().subList(1, s.args().size())) + " of "
                        + s.keyword() + " (give the FIFO that owner when making it)", s.place());
            }
        }
    }

    /**
     * global_parser.c vrrp_garp_interval_handler reads decimal seconds to the microsecond; vrrp_if.c makes it
     * every interface's least gap between two gratuitous ARPs (NAs), which vrrp_arp.c send_gratuitous_arp keeps
     * by queueing. floatip spaces each instance's own, in whole milliseconds.
     */
    private Optional<Long> garpInterval(Statement s) {
        Optional<java.math.BigDecimal> seconds = Numbers.seconds(s.arg(0));
        if (seconds.isEmpty() || seconds.get().compareTo(java.math.BigDecimal.ONE) > 0) {
            scope.notMapped(s, "floatip takes 0 to 1 second");
            return Optional.empty();
        }
        java.math.BigDecimal ms = seconds.get().movePointRight(3);
        long rounded = ms.setScale(0, java.math.RoundingMode.CEILING).longValueExact();
        String per = "keepalived spaces all of an interface's gratuitous "
                + (s.keyword().contains("gna") ? "NAs" : "ARPs") + ", floatip each instance's";
        if (rounded != 0 && ms.compareTo(java.math.BigDecimal.valueOf(rounded)) != 0) {
            per += "; rounded up to " + rounded + " ms, floatip's step";
        }
        if (rounded != 0) {
            scope.note(s.text() + ": garp.interval " + rounded + "ms on each " + (s.keyword().contains("gna")
                    ? "IPv6" : "IPv4") + " instance; " + per, s.place());
        }
        return Optional.of(rounded);
    }

    /** global_parser.c vrrp_check_adv_addr_handler: on/off (check_true_false), no argument meaning on. */
    Optional<Boolean> onOff(Statement s) {
        String value = s.args().isEmpty() ? "true" : s.arg(0);
        if (BOOLEAN_TRUE.contains(value)) {
            return Optional.of(true);
        }
        if (BOOLEAN_FALSE.contains(value)) {
            return Optional.of(false);
        }
        scope.notMapped(s, "not a boolean; keepalived ignores it too");
        return Optional.empty();
    }

    /** global_parser.c vrrp_min_garp_handler: one GARP, no delay, no refresh, unless set already. */
    private void minGarp(Statement s) {
        String value = s.args().isEmpty() ? "true" : s.arg(0);
        if (BOOLEAN_TRUE.contains(value)) {
            defaults.garpDelayMillis = defaults.garpDelayMillis == null ? 0L : defaults.garpDelayMillis;
            defaults.garpRepeat = defaults.garpRepeat == null ? 1 : defaults.garpRepeat;
        } else if (!BOOLEAN_FALSE.contains(value)) {
            scope.notMapped(s, "not a boolean");
        }
    }

    /**
     * global_parser.c vrrp_strict_handler; vrrp.c vrrp_complete_instance applies it to every instance that
     * has no strict_mode of its own. What it changes in the settings is done by the instances' import.
     */
    private void strict(Statement s) {
        String value = s.args().isEmpty() ? "true" : s.arg(0);
        if (BOOLEAN_TRUE.contains(value)) {
            defaults.strict = true;
            scope.notMapped(s, Unmapped.STRICT);
        } else if (!BOOLEAN_FALSE.contains(value)) {
            scope.notMapped(s, "not a boolean; keepalived ignores it too");
        }
    }

    private void mcastGroup(Statement s) {
        String wanted = s.keyword().endsWith("4") ? MCAST_GROUP4 : MCAST_GROUP6;
        if (!wanted.equalsIgnoreCase(String.valueOf(s.arg(0)))) {
            scope.notMapped(s, "floatip always uses keepalived's default group " + wanted);
        }
    }
}
