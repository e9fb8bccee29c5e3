package io.webhookactions.host;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which hosts a rendered URL may reach (SPEC §8 {@code webhook.allowed-hosts} / {@code webhook.denied-hosts}).
 * Patterns are host names ({@code api.example.com}), wildcards ({@code *.example.com}), IP addresses or
 * CIDR ranges ({@code 169.254.0.0/16}). Denied wins over allowed; an empty allow list allows all. The
 * check runs twice: on the URL's host before sending, and on every address the name resolves to when
 * connecting (see {@link GuardedDnsResolver}), so a name pointing at a metadata address is refused too.
 */
public final class HostPolicy {

    /** Link-local (cloud metadata) ranges and well-known metadata names. */
    public static final String DEFAULT_DENIED = "169.254.0.0/16,fe80::/10,fd00:ec2::254/128,metadata.google.internal,"
            + "metadata.goog,100.100.100.200/32";

    private final List<Pattern> allowed;
    private final List<Pattern> denied;

    private HostPolicy(List<Pattern> allowed, List<Pattern> denied) {
        this.allowed = allowed;
        this.denied = denied;
    }

    /** @param allowed comma-separated patterns, empty for "any"; @param denied comma-separated patterns */
    public static HostPolicy of(String allowed, String denied) {
        return new HostPolicy(parse(allowed), parse(denied));
    }

    public static HostPolicy defaults() {
        return of("", DEFAULT_DENIED);
    }

    /**
     * The reason {@code host} (a URL host, brackets allowed) may not be called, or null when it may. A numeric
     * form that is not dotted-decimal, the unspecified addresses and a percent-encoded host are always refused
     * (SPEC §11). A trailing dot ({@code api.example.com.}) and an IPv6 zone id ({@code [fe80::1%25eth0]}) do not
     * change which host is meant, so the host is matched without them.
     */
    public String refusal(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        String numeric = HostAddresses.numericFormProblem(lower);
        if (numeric != null) {
            return numeric;
        }
        // A trailing dot names the same host (api.example.com. is api.example.com to DNS), so it is matched without it.
        String name = lower.startsWith("[") && lower.endsWith("]") ? lower.substring(1, lower.length() - 1) : withoutTrailingDot(lower);
        byte[] parsed = HostAddresses.literal(name);
        byte[] literal = parsed == null ? null : HostAddresses.canonical(parsed);
        if (literal != null && HostAddresses.isUnspecified(literal)) {
            return unspecified(host);
        }
        if (literal == null && name.indexOf('%') >= 0) {
            return "host " + host + " is percent-encoded; such hosts are decoded by some parsers and not by others, so write it"
                    + " decoded";
        }
        for (Pattern pattern : denied) {
            if (pattern.matches(name, literal)) {
                return "host " + host + " is denied by webhook.denied-hosts";
            }
        }
        if (!allowed.isEmpty() && allowed.stream().noneMatch(pattern -> pattern.matches(name, literal))) {
            return "host " + host + " is not in webhook.allowed-hosts";
        }
        return null;
    }

    /** The reason a resolved address may not be connected to, or null. */
    public String refusal(InetAddress address) {
        byte[] bytes = HostAddresses.canonical(address.getAddress());
        if (HostAddresses.isUnspecified(bytes)) {
            return unspecified(address.getHostAddress());
        }
        for (Pattern pattern : denied) {
            if (pattern.cidr && pattern.matches(null, bytes)) {
                return "host resolves to " + address.getHostAddress() + ", which is denied by webhook.denied-hosts";
            }
        }
        return null;
    }

    private static String withoutTrailingDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static String unspecified(String host) {
        return "host " + host + " is an unspecified address (0.0.0.0 or ::), which connects to this machine; it is always refused";
    }

    private static List<Pattern> parse(String patterns) {
        List<Pattern> parsed = new ArrayList<>();
        if (patterns == null) {
            return parsed;
        }
        for (String raw : patterns.split(",")) {
            String pattern = withoutTrailingDot(raw.strip().toLowerCase(Locale.ROOT));
            if (!pattern.isEmpty()) {
                parsed.add(Pattern.parse(pattern));
            }
        }
        return parsed;
    }

    private static final class Pattern {
        final String name;
        final boolean wildcard;
        final boolean cidr;
        final byte[] network;
        final int prefix;

        private Pattern(String name, boolean wildcard, byte[] network, int prefix) {
            this.name = name;
            this.wildcard = wildcard;
            this.cidr = network != null;
            this.network = network;
            this.prefix = prefix;
        }

        /** @throws IllegalArgumentException naming the pattern when its prefix is not a number in range */
        static Pattern parse(String text) {
            String address = text;
            String prefixText = null;
            int slash = text.indexOf('/');
            if (slash >= 0) {
                address = text.substring(0, slash);
                prefixText = text.substring(slash + 1);
            }
            byte[] bytes = HostAddresses.literal(address);
            if (bytes == null) {
                if (prefixText != null) {
                    throw new IllegalArgumentException("'" + text + "' has a /prefix but " + (address.isEmpty() ? "no address" : address)
                            + " is not an IP address");
                }
                return new Pattern(text.startsWith("*.") ? text.substring(1) : text, text.startsWith("*."), null, 0);
            }
            // Written as IPv6 (::ffff:10.0.0.0/104) it may still be an IPv4 range (Java already gives the 4 bytes):
            // rules see mapped addresses as IPv4, so the prefix counts from the IPv4 part.
            int width = address.indexOf(':') >= 0 ? 128 : bytes.length * 8;
            int bits = width;
            if (prefixText != null) {
                if (!prefixText.matches("\\d{1,3}") || Integer.parseInt(prefixText) > width) {
                    throw new IllegalArgumentException("'" + text + "' needs a prefix length from 0 to " + width);
                }
                bits = Integer.parseInt(prefixText);
            }
            byte[] canonical = HostAddresses.canonical(bytes);
            if (width == 128 && canonical.length == 4) {
                bits = Math.max(0, bits - 96);
            }
            return new Pattern(text, false, canonical, bits);
        }

        boolean matches(String host, byte[] address) {
            if (cidr) {
                return address != null && address.length == network.length && inRange(address);
            }
            return wildcard ? host.endsWith(name) : host.equals(name);
        }

        private boolean inRange(byte[] address) {
            int bits = prefix;
            for (int i = 0; i < address.length && bits > 0; i++, bits -= 8) {
                int mask = bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF;
                if ((address[i] & mask) != (network[i] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
