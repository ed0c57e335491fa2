package io.floatip.doctor;

import java.util.List;

/** libpcap carries every advert and gratuitous ARP: without it the agent cannot start. */
final class PcapLibraryCheck implements Check {

    @Override
    public List<Result> run(HostFacts host) {
        return List.of(host.libpcapProblem()
                // The problem text ends with the fix; say what it means here and give the fix once.
                .map(problem -> Result.fail("libpcap", "cannot be loaded: floatip sends and receives VRRP through it",
                        "apt-get install libpcap0.8"))
                .orElseGet(() -> Result.ok("libpcap", "loads")));
    }
}
