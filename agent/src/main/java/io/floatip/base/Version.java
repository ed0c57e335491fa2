package io.floatip.base;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version Maven wrote into the jar, here rather than in the CLI so status and docs can read it without it. */
public final class Version {
    private Version() {
    }

    /** The project version, or "unknown" when run from classes without the generated properties file. */
    public static String current() {
        try (InputStream in = Version.class.getResourceAsStream("/floatip-version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
