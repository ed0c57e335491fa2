package io.floatip.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads an instance's {@code virtual_ips} list and claims each address on the instance's interface. */
final class VirtualIpsReader {

    private VirtualIpsReader() {
    }

    /**
     * @param iface empty when the interface is wrong: then only repeats within this instance can be found
     */
    static Optional<List<VirtualIp>> read(Field field, String instance, Optional<String> iface, Claims claims) {
        return field.list().flatMap(list -> {
            int count = list.items().size();
            boolean ok = true;
            if (count == 0) {
                field.error("must list at least one address, like [198.51.100.50/24]");
                ok = false;
            } else if (count > InstanceConfig.MAX_VIRTUAL_IPS) {
                field.error("has " + count + " addresses, at most " + InstanceConfig.MAX_VIRTUAL_IPS
                        + " are allowed (a VRRP advertisement counts them in one byte); split them across instances");
                ok = false;
            }
            List<VirtualIp> ips = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Node item = list.items().get(i);
                String path = field.path() + "[" + i + "]";
                Optional<VirtualIp> ip = one(item, path, field.problems());
                if (ip.isEmpty()) {
                    ok = false;
                    continue;
                }
                ips.add(ip.get());
                claims.address(iface, ip.get(), instance, path, item.mark());
            }
            return ok ? Optional.of(ips) : Optional.empty();
        });
    }

    private static Optional<VirtualIp> one(Node item, String path, Problems problems) {
        if (!(item instanceof Node.Scalar scalar) || scalar.isEmpty()) {
            problems.at(item.mark(), path, "must be an address like 198.51.100.50/24, got " + item.describe());
            return Optional.empty();
        }
        try {
            return Optional.of(VirtualIpParser.parse(scalar.text()));
        } catch (IllegalArgumentException e) {
            problems.at(item.mark(), path, e.getMessage());
            return Optional.empty();
        }
    }
}
