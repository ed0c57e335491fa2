package io.floatip.doctor;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The kernel clock source behind every timer and timestamp. The fast ones are read from a CPU register; the
 * fallbacks (hpet, acpi_pm) cost a slow device read each time, and jiffies ticks in milliseconds, which makes
 * 100 ms adverts and Master_Down_Interval timing unreliable.
 */
final class ClockSourceCheck implements Check {

    static final String DIR = "/sys/devices/system/clocksource/clocksource0/";
    /** x86 tsc, KVM and Hyper-V guests, ARM's generic timer, POWER's timebase, RISC-V's, Xen guests. */
    static final Set<String> FAST = Set.of("tsc", "kvm-clock", "hyperv_clocksource_tsc_page", "arch_sys_counter",
            "timebase", "riscv_clocksource", "xen");
    private static final String CHECK = "clocksource";

    @Override
    public List<Result> run(HostFacts host) {
        Optional<String> current = host.read(DIR + "current_clocksource");
        if (current.isEmpty()) {
            return List.of(Result.warn(CHECK, "cannot read " + DIR + "current_clocksource",
                    "run floatip doctor on Linux with /sys mounted"));
        }
        if (FAST.contains(current.get())) {
            return List.of(Result.ok(CHECK, current.get()));
        }
        String available = host.read(DIR + "available_clocksource").orElse("");
        String better = List.of(available.split("\\s+")).stream().filter(FAST::contains).findFirst().orElse(null);
        String fix = better != null
                ? "echo " + better + " > " + DIR + "current_clocksource (boot with clocksource=" + better
                        + " to keep it; dmesg | grep -i clocksource says why the kernel left it)"
                : "run on a host or VM type with a stable TSC or kvm-clock (available here: "
                        + (available.isBlank() ? "none listed" : available) + ")";
        return List.of(Result.warn(CHECK, current.get() + ": a slow or coarse clock; timers and advert timing "
                + "suffer under load", fix));
    }
}
