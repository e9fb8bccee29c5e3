package io.webhookactions.host;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * How a host name or address is read before any rule is applied to it (SPEC §11), without a DNS lookup:
 * <ul>
 * <li>a host whose last label is a number is an IPv4 address attempt, and only the canonical dotted-decimal
 *     form ({@code 127.0.0.1}) is accepted: {@code 2130706433}, {@code 0x7f.1}, {@code 127.1} and
 *     {@code 0177.0.0.1} mean different addresses to different parsers (Java reads the last one as 177.0.0.1,
 *     curl and browsers as 127.0.0.1), so they are refused rather than reinterpreted;</li>
 * <li>the unspecified addresses ({@code 0.0.0.0}, {@code ::}) reach this machine and are always refused;</li>
 * <li>IPv4-mapped ({@code ::ffff:127.0.0.1}) and IPv4-compatible ({@code ::127.0.0.1}) IPv6 addresses are
 *     the IPv4 address for every rule.</li>
 * </ul>
 */
public final class HostAddresses {

    private HostAddresses() {
    }

    /** Why {@code host} (a URL host, brackets allowed) is a numeric form that is not canonical; null when it is not. */
    public static String numericFormProblem(String host) {
        if (host.isEmpty() || host.startsWith("[")) {
            return null;
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String[] labels = name.split("\\.", -1);
        if (!isNumber(labels[labels.length - 1])) {
            return null;
        }
        if (labels.length == 4 && Arrays.stream(labels).allMatch(HostAddresses::isCanonicalOctet)) {
            return null;
        }
        return "host " + host + " is a numeric address that is not in dotted-decimal form (a.b.c.d, no leading zeros);"
                + " such forms are read differently by different parsers, so write the address as a.b.c.d";
    }

    /** A decimal, octal-looking or hex number, as an IPv4 parser would read one label. */
    private static boolean isNumber(String label) {
        if (label.isEmpty()) {
            return false;
        }
        String digits = label.startsWith("0x") || label.startsWith("0X") ? label.substring(2) : label;
        int radix = digits.length() == label.length() ? 10 : 16;
        if (digits.isEmpty()) {
            return radix == 16;
        }
        return digits.chars().allMatch(c -> Character.digit(c, radix) >= 0);
    }

    private static boolean isCanonicalOctet(String label) {
        if (label.isEmpty() || label.length() > 3 || !label.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        if (label.length() > 1 && label.charAt(0) == '0') {
            return false;
        }
        return Integer.parseInt(label) <= 255;
    }

    /**
     * The bytes of an IP literal ({@code 10.0.0.1}, {@code ::1}, {@code [::1]}, {@code [fe80::1%25eth0]}: an IPv6 zone id
     * is left out), or null for a host name. No DNS lookup.
     */
    public static byte[] literal(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        int zone = bare.indexOf('%');
        String name = zone > 0 && bare.indexOf(':') >= 0 ? bare.substring(0, zone) : bare;
        // Digits and dots in canonical form are a.b.c.d, or end in a dot: 10.0.0.1. is no literal to InetAddress,
        // which would look it up as a name.
        boolean ipv4 = !name.isEmpty() && name.chars().allMatch(c -> Character.isDigit(c) || c == '.')
                && numericFormProblem(name) == null && !name.endsWith(".");
        boolean ipv6 = name.indexOf(':') >= 0 && name.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        if (!ipv4 && !ipv6) {
            return null;
        }
        try {
            return InetAddress.getByName(name).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** The address as rules see it: an IPv4-mapped or IPv4-compatible IPv6 address as its 4 IPv4 bytes. */
    public static byte[] canonical(byte[] address) {
        if (address.length != 16) {
            return address;
        }
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return address;
            }
        }
        boolean mapped = (address[10] & 0xFF) == 0xFF && (address[11] & 0xFF) == 0xFF;
        boolean compatible = address[10] == 0 && address[11] == 0
                && !(address[12] == 0 && address[13] == 0 && address[14] == 0 && (address[15] & 0xFF) <= 1);
        return mapped || compatible ? Arrays.copyOfRange(address, 12, 16) : address;
    }

    /** True for 0.0.0.0 and :: (any form): an address that means "this machine" to a socket. */
    public static boolean isUnspecified(byte[] address) {
        byte[] canonical = canonical(address);
        for (byte b : canonical) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
