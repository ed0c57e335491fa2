package io.floatip.lab;

import java.nio.file.Path;

/** Pieces of an nginx.conf for a test's own nginx, which must write nothing outside its prefix. */
public final class NginxConf {
    private NginxConf() {
    }

    /**
     * The http block's temporary folders, under {@code prefix} (nginx's defaults lie under /var/lib/nginx,
     * which a test must not touch), as lines indented for the http block.
     */
    public static String tempPaths(Path prefix) {
        return String.join("\n",
                "    client_body_temp_path " + prefix.resolve("body") + ";",
                "    proxy_temp_path " + prefix.resolve("proxy") + ";",
                "    fastcgi_temp_path " + prefix.resolve("fastcgi") + ";",
                "    uwsgi_temp_path " + prefix.resolve("uwsgi") + ";",
                "    scgi_temp_path " + prefix.resolve("scgi") + ";");
    }
}
