package io.floatip.importer;

import java.util.Optional;

/** keepalived's gratuitous ARP settings, instance and global, as floatip's {@code garp} block. */
final class GarpMapper {
    private GarpMapper() {
    }

    /** Only what differs from floatip's defaults, which are keepalived's; empty when nothing does. */
    static Optional<YamlNode.MapNode> map(Long garpDelay, Integer garpRepeat, Long garpRefresh,
            Place garpRefreshPlace, GlobalMapper.Defaults defaults, boolean v6, Scope scope) {
        long delay = garpDelay != null ? garpDelay
                : defaults.garpDelayMillis != null ? defaults.garpDelayMillis
                : InstanceMapper.DEFAULT_GARP_DELAY_MILLIS;
        int repeat = garpRepeat != null ? garpRepeat
                : defaults.garpRepeat != null ? defaults.garpRepeat : InstanceMapper.DEFAULT_GARP_REPEAT;
        YamlNode.MapNode garp = new YamlNode.MapNode();
        if (delay != InstanceMapper.DEFAULT_GARP_DELAY_MILLIS) {
            garp.put("delay", Millis.node(delay));
        }
        if (repeat != InstanceMapper.DEFAULT_GARP_REPEAT) {
            garp.put("repeat", YamlNode.number(repeat));
        }
        long refresh = garpRefresh != null ? garpRefresh
                : defaults.garpRefreshMillis != null ? defaults.garpRefreshMillis : 0;
        if (refresh != 0) {
            garp.put("refresh", Millis.node(refresh));
            if (repeat != 1) {
                scope.note("garp.refresh: keepalived sends garp_master_refresh_repeat (default 1) gratuitous ARPs at "
                        + "each refresh, floatip garp.repeat (" + repeat + ")",
                        garpRefresh != null ? garpRefreshPlace : defaults.garpRefreshPlace);
            }
        }
        long interval = v6 ? defaults.gnaIntervalMillis : defaults.garpIntervalMillis;
        if (interval != 0) {
            garp.put("interval", Millis.node(interval));
        }
        return garp.entries().isEmpty() ? Optional.empty() : Optional.of(garp);
    }
}
