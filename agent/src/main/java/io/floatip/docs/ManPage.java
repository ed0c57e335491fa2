package io.floatip.docs;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * floatip(1) in roff, walked from the picocli command model: one section per subcommand with its synopsis and
 * options, then the facts the model does not hold (files, exit status, signals). picocli's own generator
 * (picocli-codegen) writes AsciiDoc, which would need Asciidoctor to become a man page; this needs nothing.
 */
final class ManPage {

    private ManPage() {
    }

    static String render(CommandLine root, String version) {
        CommandSpec spec = root.getCommandSpec();
        StringBuilder man = new StringBuilder();
        // No date: the page is the same for the same version, whenever it is built.
        line(man, ".TH FLOATIP 1 \"\" \"floatip " + Roff.text(version) + "\" \"User Commands\"");
        line(man, ".SH NAME");
        line(man, "floatip \\- " + Roff.text(firstSentence(join(spec.usageMessage().description()))));
        line(man, ".SH SYNOPSIS");
        line(man, Roff.bold("floatip") + " " + Roff.italic("COMMAND") + " [" + Roff.italic("OPTIONS") + "]");
        line(man, ".br");
        line(man, Roff.bold("floatip") + " [" + Roff.bold("--help") + "|" + Roff.bold("--version") + "]");
        line(man, ".SH DESCRIPTION");
        line(man, Roff.text(join(spec.usageMessage().description())));
        line(man, ".PP");
        line(man, "Every command takes " + Roff.bold("--help") + ". Without a command, floatip prints its usage.");
        options(man, spec);
        line(man, ".SH COMMANDS");
        for (CommandLine sub : commands(root)) {
            command(man, sub.getCommandSpec());
        }
        facts(man);
        return man.toString();
    }

    private static void command(StringBuilder man, CommandSpec spec) {
        line(man, ".SS " + Roff.bold(spec.qualifiedName(" ")));
        line(man, ".nf");
        line(man, Roff.text(synopsis(spec)));
        line(man, ".fi");
        line(man, ".PP");
        line(man, String.join("\n.PP\n", paragraphs(spec.usageMessage().description())));
        for (OptionSpec option : visibleOptions(spec)) {
            if (isStandard(option)) {
                continue; // -h and -V are the same everywhere: said once in DESCRIPTION
            }
            option(man, option);
        }
    }

    private static void options(StringBuilder man, CommandSpec spec) {
        line(man, ".SH OPTIONS");
        for (OptionSpec option : visibleOptions(spec)) {
            option(man, option);
        }
    }

    private static void option(StringBuilder man, OptionSpec option) {
        line(man, ".TP");
        List<String> names = new ArrayList<>();
        for (String name : option.names()) {
            String label = option.arity().max() > 0 ? " " + Roff.italic(option.paramLabel()) : "";
            names.add(Roff.bold(name) + label);
        }
        line(man, String.join(", ", names));
        line(man, Roff.text(describe(option)));
    }

    /** The option's description as --help shows it: ${DEFAULT-VALUE} and the like filled in. */
    static String describe(OptionSpec option) {
        String text = join(option.description());
        String value = option.defaultValue() == null ? "" : option.defaultValue();
        return text.replace("${DEFAULT-VALUE}", value);
    }

    /** The subcommands in the order they are declared, each once (an alias maps to the same CommandLine). */
    static List<CommandLine> commands(CommandLine root) {
        Set<CommandLine> seen = new LinkedHashSet<>(root.getSubcommands().values());
        return seen.stream().filter(c -> !c.getCommandSpec().usageMessage().hidden()).toList();
    }

    static String synopsis(CommandSpec spec) {
        CommandLine.Help help = new CommandLine.Help(spec,
                new CommandLine.Help.ColorScheme.Builder(CommandLine.Help.Ansi.OFF).build());
        return help.synopsis(0).strip().replaceAll("\\s*\n\\s*", " ");
    }

    private static List<OptionSpec> visibleOptions(CommandSpec spec) {
        return spec.options().stream().filter(o -> !o.hidden()).toList();
    }

    private static boolean isStandard(OptionSpec option) {
        return option.usageHelp() || option.versionHelp();
    }

    private static void facts(StringBuilder man) {
        line(man, ".SH FILES");
        definition(man, "/etc/floatip/floatip.yaml", "The default config file (YAML). "
                + "floatip check-config checks it; floatip doctor checks it against this host.");
        definition(man, "/usr/share/floatip/check-scripts/",
                "Ready health checks for scripts: check_haproxy, check_nginx, check_http, check_tcp, check_process.");
        definition(man, "/lib/systemd/system/floatip.service", "The systemd unit: Type=notify with a watchdog, user "
                + "floatip with CAP_NET_ADMIN, CAP_NET_RAW and CAP_SYS_NICE; systemctl reload runs floatip reload and "
                + "fails on an invalid file; after a kill, floatip release takes the VIPs off (ExecStopPost=).");
        definition(man, "/usr/share/doc/floatip/", "The README, with the full configuration reference, and examples.");
        line(man, ".SH EXIT STATUS");
        definition(man, "0", "Success; for doctor, no check FAILed (warnings allowed).");
        definition(man, "1", "The config has errors, a doctor check FAILed, the agent could not start, or "
                + "release could not remove an address (or an agent is still running).");
        definition(man, "2", "A usage error: an unknown option or a bad value.");
        definition(man, "70", "An internal error; the stack trace follows on stderr. Please report it.");
        line(man, ".SH SIGNALS");
        definition(man, "SIGTERM, SIGINT", "Every master advertises priority 0 and releases its VIPs; the agent exits 0 "
                + "within a second.");
        definition(man, "SIGHUP", "Reload the config file; an invalid one changes nothing and is logged.");
        definition(man, "SIGQUIT", "Print a dump of every thread to the log (stdout, the journal under the "
                + "service); the agent goes on as it was. floatip status shows what the agent is doing.");
        line(man, ".SH SEE ALSO");
        line(man, Roff.bold("keepalived") + "(8), " + Roff.bold("systemctl") + "(1), " + Roff.bold("ip") + "(8), "
                + Roff.bold("sysctl") + "(8)");
    }

    private static void definition(StringBuilder man, String term, String text) {
        line(man, ".TP");
        line(man, Roff.bold(term));
        line(man, Roff.text(text));
    }

    /** Each description line, and each picocli line break (%n) in one, is a paragraph of its own. */
    static List<String> paragraphs(String[] description) {
        List<String> out = new ArrayList<>();
        for (String line : description) {
            for (String part : line.split("%n")) {
                if (!part.isBlank()) {
                    out.add(Roff.text(part.strip()));
                }
            }
        }
        return out;
    }

    private static String firstSentence(String text) {
        int end = text.indexOf(". ");
        String first = end < 0 ? text : text.substring(0, end);
        return first.endsWith(".") ? first.substring(0, first.length() - 1) : first;
    }

    private static String join(String[] lines) {
        return String.join(" ", lines);
    }

    private static void line(StringBuilder man, String text) {
        man.append(text).append('\n');
    }
}
