package io.floatip.importer;

/** keepalived's use_vmac as floatip's key. */
final class VmacMapper {
    private VmacMapper() {
    }

    /** keepalived's use_vmac [NAME]: floatip names the macvlan itself (vrrp.VRID, vrrp6.VRID); another is noted. */
    static void useVmac(Statement useVmac, boolean v6, int vrid, YamlNode.MapNode out, Scope scope) {
        out.put("use_vmac", YamlNode.typed("true"));
        String named = useVmac.arg(0);
        String ours = (v6 ? "vrrp6." : "vrrp.") + vrid;
        if (named != null && !named.equals(ours)) {
            scope.note("use_vmac " + named + ": floatip names the macvlan " + ours, useVmac.place());
        }
    }
}
