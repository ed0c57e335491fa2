package io.floatip.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * {@code HOST:PORT} for a listening socket. The host is a literal or {@code localhost}, never a name to look
 * up: DNS may be slow or down exactly when the agent starts, and a name could bind somewhere unexpected.
 */
final class ListenText {

    private static final Pattern PORT = Pattern.compile("[0-9]{1,9}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    static final String EXAMPLE = "like 127.0.0.1:9650 or \"[::1]:9650\"";

    private ListenText() {
    }

    /** @throws IllegalArgumentException with a message fit to show after the field's path */
    static InetSocketAddress parse(String text) {
        String value = text.strip();
        String host;
        String port;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0 || close + 1 >= value.length() || value.charAt(close + 1) != ':') {
                throw new IllegalArgumentException(form(text));
            }
            host = value.substring(1, close);
            port = value.substring(close + 2);
            return new InetSocketAddress(ipv6(host, text), port(port));
        }
        int colon = value.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException(form(text));
        }
        host = value.substring(0, colon);
        port = value.substring(colon + 1);
        if (host.indexOf(':') >= 0) {
            throw new IllegalArgumentException("an IPv6 address needs brackets, " + EXAMPLE
                    + " (quoted, or YAML reads a list), got '" + text + "'");
        }
        return new InetSocketAddress(ipv4OrLocalhost(host), port(port));
    }

    private static String form(String text) {
        return "must be HOST:PORT, " + EXAMPLE + ", got '" + text + "'";
    }

    private static int port(String text) {
        if (!PORT.matcher(text).matches()) {
            throw new IllegalArgumentException("the port must be a number between 1 and 65535, got '" + text + "'");
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the port must be between 1 and 65535, got " + port);
        }
        return port;
    }

    private static InetAddress ipv4OrLocalhost(String host) {
        if (host.equals("localhost")) {
            // Fixed rather than looked up: /etc/hosts may map it to ::1, or to nothing.
            try {
                return InetAddress.getByAddress("localhost", new byte[]{127, 0, 0, 1});
            } catch (UnknownHostException e) {
                throw new IllegalStateException("four bytes are always a valid address", e);
            }
        }
        if (host.indexOf('/') >= 0 || !host.matches("[0-9.]+")) {
            throw new IllegalArgumentException(
                    "the host must be an IPv4 address, an IPv6 address in brackets or localhost (names are not "
                            + "looked up), got '" + host + "'");
        }
        return Ipv4Text.parse(host, "addresses", "an IPv4 address like 127.0.0.1 before the port").address();
    }

    private static InetAddress ipv6(String host, String text) {
        if (!IPV6.matcher(host).matches()) {
            throw new IllegalArgumentException("'" + host + "' is not an IPv6 address, in '" + text + "'");
        }
        try {
            // A literal with ':' is parsed, never looked up; an invalid one is refused right away.
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + host + "' is not an IPv6 address, in '" + text + "'");
        }
    }
}
