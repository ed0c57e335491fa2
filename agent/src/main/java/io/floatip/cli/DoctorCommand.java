package io.floatip.cli;

import io.floatip.config.ConfigLoader;
import io.floatip.doctor.Doctor;
import io.floatip.doctor.LocalHostFacts;
import io.floatip.doctor.Result;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Checks this host before failover day: one line per check, exit 1 if any FAILed. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check this host for what a VRRP pair needs: libpcap, capabilities, the config and its "
                + "scripts, each interface (up, carrier, multicast), the sysctls that bite VRRP pairs, the clock "
                + "source, and other speakers of the configured VRIDs on the wire.",
                "Prints one line per check, OK, WARN or FAIL, with the fix; exits 0 unless something FAILed."})
final class DoctorCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Config file (default: ${DEFAULT-VALUE}).",
            defaultValue = Main.DEFAULT_CONFIG)
    Path config;

    @Option(names = "--listen", paramLabel = "SECONDS", defaultValue = "3",
            description = "How long to listen for VRRP adverts on the configured interfaces; 0 skips it "
                    + "(default: ${DEFAULT-VALUE}).")
    int listenSeconds;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (listenSeconds < 0 || listenSeconds > 600) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--listen must be 0..600 seconds, got "
                    + listenSeconds);
        }
        // Only the report goes to the terminal: the capture's own log lines would interleave with it.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        Doctor doctor = new Doctor(new LocalHostFacts(), hostChecks -> hostChecks
                ? ConfigLoader.load(config) : ConfigLoader.loadWithoutHostChecks(config),
                config.toString(), Duration.ofSeconds(listenSeconds));
        List<Result> results = doctor.run(result -> {
            spec.commandLine().getOut().println(result.line());
            spec.commandLine().getOut().flush();
        });
        return Doctor.exitCode(results);
    }
}
