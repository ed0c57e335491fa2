package io.floatip.cli;

import io.floatip.net.LibrarySearchPath;
import io.floatip.systemd.JournalStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The floatip command line. Each subcommand lives in a file of its own. */
@Command(name = "floatip", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "A VRRP floating-IP failover agent (RFC 9568 / RFC 3768), a keepalived peer.",
        subcommands = {RunCommand.class, CheckConfigCommand.class, StatusCommand.class, ReloadCommand.class,
                DrainCommand.class, UndrainCommand.class,
                DoctorCommand.class, ReleaseCommand.class, DemoCommand.class, ImportKeepalivedCommand.class,
                WarmupCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Where `run` and `check-config` look when -c is not given. */
    public static final String DEFAULT_CONFIG = "/etc/floatip/floatip.yaml";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        LibrarySearchPath.fromLinkerConfig(); // before JNA's first use: no ldconfig child at every start
        // Under systemd (`floatip run`, and `floatip reload` as ExecReload=): errors at the journal's err.
        JournalStream.markStandardErrorAsErrors();
        System.exit(plain(args));
    }

    /**
     * An agent's start and the build's warmup skip picocli when their arguments are plain (RunArgs says why);
     * every other command line, and a bad one, goes through picocli.
     */
    static int plain(String[] args) {
        if (args.length > 0 && args[0].equals("run")) {
            RunArgs run = RunArgs.parse(args, 1);
            if (run != null) {
                return callPlain(new RunCommand(run));
            }
        } else if (args.length == 1 && args[0].equals("warmup")) {
            return callPlain(new WarmupCommand());
        }
        return commandLine().execute(args);
    }

    /** As picocli's execute would end it: the command's code, or 70 for what escapes it. */
    private static int callPlain(java.util.concurrent.Callable<Integer> command) {
        try {
            return command.call();
        } catch (Exception | LinkageError e) {
            System.err.println("floatip: internal error (please report it): " + e);
            e.printStackTrace();
            return 70; // EX_SOFTWARE
        }
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // A user's mistake is handled inside the commands; whatever reaches here is ours.
            commandLine.getErr().println("floatip: internal error (please report it): " + e);
            e.printStackTrace(commandLine.getErr());
            return 70; // EX_SOFTWARE
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"floatip " + io.floatip.base.Version.current() + " (Java " + Runtime.version() + ")"};
        }
    }
}
