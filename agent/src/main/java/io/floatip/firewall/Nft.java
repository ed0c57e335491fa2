package io.floatip.firewall;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code nft -f -} with a script on its standard input: the one place floatip touches nftables. */
public interface Nft {
    /** Null when it worked, else why not (nft's own message, or that it could not be run). */
    String apply(String script);

    /** Whether the {@code nft} program is there to run. */
    boolean present();

    /** The host's nft (Debian's nftables package), looked up where Debian puts it, then on PATH. */
    static Nft system() {
        return new Nft() {
            private final Path program = find();

            @Override
            public boolean present() {
                return program != null;
            }

            @Override
            public String apply(String script) {
                if (program == null) {
                    return "nft not found (install the nftables package)";
                }
                try {
                    Process p = new ProcessBuilder(program.toString(), "-f", "-")
                            .redirectErrorStream(true).start();
                    try (OutputStream in = p.getOutputStream()) {
                        in.write(script.getBytes(StandardCharsets.UTF_8));
                    }
                    byte[] said = p.getInputStream().readNBytes(4096);
                    if (!p.waitFor(10, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                        return "nft did not finish within 10 s";
                    }
                    if (p.exitValue() == 0) {
                        return null;
                    }
                    String text = new String(said, StandardCharsets.UTF_8).strip().replace('\n', ' ');
                    return "nft exited " + p.exitValue() + (text.isEmpty() ? "" : ": " + text);
                } catch (IOException e) {
                    return "cannot run " + program + ": " + e.getMessage();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return "interrupted";
                }
            }
        };
    }

    private static Path find() {
        for (String dir : List.of("/usr/sbin", "/sbin")) {
            Path p = Path.of(dir, "nft");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        String path = System.getenv("PATH");
        for (String dir : path == null ? new String[0] : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "nft"))) {
                return Path.of(dir, "nft");
            }
        }
        return null;
    }
}
