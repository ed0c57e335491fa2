package io.floatip.systemd;

import java.util.Map;

/**
 * How the agent's run ended, as systemd tells an ExecStopPost= command: {@code $SERVICE_RESULT} (success,
 * exit-code, signal, core-dump, watchdog, timeout...), {@code $EXIT_CODE} (exited, killed, dumped) and
 * {@code $EXIT_STATUS} (the exit status, or the signal's name), per systemd.exec(5).
 *
 * @param serviceResult null when not run by systemd as a stop command
 */
public record AgentExit(String serviceResult, String exitCode, String exitStatus) {

    public static AgentExit fromEnvironment(Map<String, String> environment) {
        return new AgentExit(blankToNull(environment.get("SERVICE_RESULT")), blankToNull(environment.get("EXIT_CODE")),
                blankToNull(environment.get("EXIT_STATUS")));
    }

    /** Run by systemd after the service's processes are gone (it set SERVICE_RESULT). */
    public boolean fromSystemd() {
        return serviceResult != null;
    }

    /**
     * The agent exited 0 of itself, which it does only after a stop that handed over and released every
     * address (Agent.stop). Anything else (a signal it did not survive, the watchdog, an error exit, a stop
     * that timed out and was killed) may have left addresses behind.
     */
    public boolean cleanStop() {
        return "success".equals(serviceResult) && "exited".equals(exitCode) && "0".equals(exitStatus);
    }

    /** One phrase for the log: "SERVICE_RESULT=watchdog, killed by SIGABRT". */
    public String describe() {
        if (!fromSystemd()) {
            return "not run by systemd as a stop command";
        }
        String how;
        if ("exited".equals(exitCode)) {
            how = "exited with status " + exitStatus;
        } else if ("killed".equals(exitCode) || "dumped".equals(exitCode)) {
            how = ("dumped".equals(exitCode) ? "dumped core on" : "killed by") + " SIG" + exitStatus;
        } else {
            how = exitCode == null ? "the main process never ran" : "EXIT_CODE=" + exitCode;
        }
        return "SERVICE_RESULT=" + serviceResult + ", " + how;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
