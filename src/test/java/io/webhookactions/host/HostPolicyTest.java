package io.webhookactions.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SPEC §8 host rules as decisions only: no name is resolved and nothing is connected to (IP literals are
 * parsed, and addresses are built from their bytes).
 */
class HostPolicyTest {

    private static HostPolicy denying(String denied) {
        return HostPolicy.of("", denied);
    }

    private static InetAddress address(int... octets) {
        byte[] bytes = new byte[octets.length];
        for (int i = 0; i < octets.length; i++) {
            bytes[i] = (byte) octets[i];
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @ParameterizedTest(name = "{0} denies {1}: {2}")
    @CsvSource({
        "0.0.0.0/0,          0.0.0.1,         true",
        "0.0.0.0/0,          255.255.255.255, true",
        "0.0.0.0/0,          ::1,             false",
        "10.0.0.0/8,         10.0.0.0,        true",
        "10.0.0.0/8,         10.255.255.255,  true",
        "10.0.0.0/8,         9.255.255.255,   false",
        "10.0.0.0/8,         11.0.0.0,        false",
        "169.254.0.0/16,     169.254.0.0,     true",
        "169.254.0.0/16,     169.254.255.255, true",
        "169.254.0.0/16,     169.253.255.255, false",
        "169.254.0.0/16,     169.255.0.0,     false",
        "192.168.1.4/31,     192.168.1.4,     true",
        "192.168.1.4/31,     192.168.1.5,     true",
        "192.168.1.4/31,     192.168.1.3,     false",
        "192.168.1.4/31,     192.168.1.6,     false",
        "100.100.100.200/32, 100.100.100.200, true",
        "100.100.100.200/32, 100.100.100.199, false",
        "100.100.100.200/32, 100.100.100.201, false",
        "100.100.100.200,    100.100.100.200, true",
        "100.100.100.200,    100.100.100.201, false",
        "fe80::/10,          fe80::,          true",
        "fe80::/10,          febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff, true",
        "fe80::/10,          fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff, false",
        "fe80::/10,          fec0::,          false",
        "fe80::/10,          169.254.0.1,     false",
        "fd00:ec2::254/128,  fd00:ec2::254,   true",
        "fd00:ec2::254/128,  fd00:ec2::253,   false",
        "fd00:ec2::254/128,  fd00:ec2::255,   false",
    })
    void cidrRangesMatchUpToTheirPrefixBoundary(String range, String host, boolean denied) {
        String refusal = denying(range).refusal(host);

        if (denied) {
            assertThat(refusal).isEqualTo("host " + host + " is denied by webhook.denied-hosts");
        } else {
            assertThat(refusal).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "[::]", "[0:0:0:0:0:0:0:0]", "[::ffff:0.0.0.0]"})
    void theUnspecifiedAddressesAreAlwaysRefused(String host) {
        String refusal = "host " + host + " is an unspecified address (0.0.0.0 or ::), which connects to this machine; it is always refused";

        assertThat(HostPolicy.of("", "").refusal(host)).isEqualTo(refusal);
        assertThat(HostPolicy.of("0.0.0.0/0,::/0", "").refusal(host)).as("even when allowed").isEqualTo(refusal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2130706433", "2852039166", "0x7f.1", "0x7f.0.0.1", "127.1", "0177.0.0.1", "127.0.0.01", "1.2.3.4.5",
        "256.1.1.1", "api.example.123"})
    void aNumericHostNotInDottedDecimalFormIsRefusedRatherThanReinterpreted(String host) {
        assertThat(HostPolicy.of("", "").refusal(host)).isEqualTo("host " + host + " is a numeric address that is not in dotted-decimal"
                + " form (a.b.c.d, no leading zeros); such forms are read differently by different parsers, so write the address as a.b.c.d");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[::169.254.169.254]", "[::ffff:169.254.169.254]", "[0:0:0:0:0:ffff:a9fe:a9fe]"})
    void ipv4MappedAndCompatibleHostsAreMatchedAsTheIpv4Address(String host) {
        assertThat(denying("169.254.0.0/16").refusal(host)).isEqualTo("host " + host + " is denied by webhook.denied-hosts");
    }

    @Test
    void aBracketedIpv6HostIsMatchedAsItsAddress() {
        assertThat(denying("fe80::/10").refusal("[fe80::1]")).isEqualTo("host [fe80::1] is denied by webhook.denied-hosts");
    }

    @Test
    void anIpv4MappedIpv6HostIsMatchedAsTheIpv4Address() {
        assertThat(denying("169.254.0.0/16").refusal("[::ffff:169.254.169.254]"))
                .isEqualTo("host [::ffff:169.254.169.254] is denied by webhook.denied-hosts");
    }

    @Test
    void aCidrRangeNeverMatchesAHostName() {
        assertThat(denying("0.0.0.0/0").refusal("api.example.com")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"api.example.com", "a.b.example.com", "API.Example.COM"})
    void aWildcardMatchesEverySubdomain(String host) {
        assertThat(denying("*.example.com").refusal(host)).isEqualTo("host " + host + " is denied by webhook.denied-hosts");
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "badexample.com", "example.com.evil.net", "example.org"})
    void aWildcardMatchesNeitherTheDomainItselfNorLookAlikes(String host) {
        assertThat(denying("*.example.com").refusal(host)).isNull();
    }

    @Test
    void aPlainNameMatchesOnlyThatNameInAnyCase() {
        HostPolicy policy = denying("metadata.google.internal");

        assertThat(policy.refusal("Metadata.Google.Internal"))
                .isEqualTo("host Metadata.Google.Internal is denied by webhook.denied-hosts");
        assertThat(policy.refusal("x.metadata.google.internal")).isNull();
        assertThat(policy.refusal("metadata.google.internal.example.com")).isNull();
    }

    @Test
    void patternsAreTrimmedAndCaseInsensitive() {
        HostPolicy policy = HostPolicy.of(" *.Example.com , 10.0.0.0/8 ", "");

        assertThat(policy.refusal("api.example.com")).isNull();
        assertThat(policy.refusal("10.1.2.3")).isNull();
        assertThat(policy.refusal("api.example.org")).isEqualTo("host api.example.org is not in webhook.allowed-hosts");
    }

    @Test
    void denyWinsOverAllow() {
        HostPolicy policy = HostPolicy.of("*.example.com", "secret.example.com");

        assertThat(policy.refusal("secret.example.com")).isEqualTo("host secret.example.com is denied by webhook.denied-hosts");
        assertThat(policy.refusal("api.example.com")).isNull();
    }

    @Test
    void aDeniedRangeWinsOverAnAllowedRangeHoldingIt() {
        HostPolicy policy = HostPolicy.of("10.0.0.0/8", "10.1.0.0/16");

        assertThat(policy.refusal("10.1.2.3")).isEqualTo("host 10.1.2.3 is denied by webhook.denied-hosts");
        assertThat(policy.refusal("10.2.0.1")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"anything.test", "8.8.8.8", "[2001:db8::1]", "localhost"})
    void anEmptyAllowListAllowsEveryHostThatIsNotDenied(String host) {
        assertThat(HostPolicy.of("", "").refusal(host)).isNull();
        assertThat(HostPolicy.of(null, null).refusal(host)).isNull();
    }

    @Test
    void aHostOutsideANonEmptyAllowListIsRefused() {
        HostPolicy policy = HostPolicy.of("api.example.com,192.168.0.0/24", "");

        assertThat(policy.refusal("api.example.com")).isNull();
        assertThat(policy.refusal("192.168.0.255")).isNull();
        assertThat(policy.refusal("192.168.1.0")).isEqualTo("host 192.168.1.0 is not in webhook.allowed-hosts");
        assertThat(policy.refusal("www.example.com")).isEqualTo("host www.example.com is not in webhook.allowed-hosts");
    }

    @ParameterizedTest
    @ValueSource(strings = {"169.254.169.254", "[fe80::1]", "[fd00:ec2::254]", "metadata.google.internal", "metadata.goog",
        "100.100.100.200"})
    void theDefaultsDenyLinkLocalAndMetadataHosts(String host) {
        assertThat(HostPolicy.defaults().refusal(host)).isEqualTo("host " + host + " is denied by webhook.denied-hosts");
    }

    @ParameterizedTest
    @ValueSource(strings = {"api.example.com", "127.0.0.1", "10.0.0.1", "169.255.0.1", "[::1]"})
    void theDefaultsAllowEverythingElse(String host) {
        assertThat(HostPolicy.defaults().refusal(host)).isNull();
    }

    @Test
    void aResolvedAddressInADeniedRangeIsRefused() {
        String refusal = HostPolicy.defaults().refusal(address(169, 254, 169, 254));

        assertThat(refusal).isEqualTo("host resolves to 169.254.169.254, which is denied by webhook.denied-hosts");
    }

    @Test
    void aResolvedIpv6AddressIsMatchedAgainstIpv6Ranges() {
        InetAddress linkLocal = address(0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
        InetAddress global = address(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);

        assertThat(HostPolicy.defaults().refusal(linkLocal))
                .isEqualTo("host resolves to fe80:0:0:0:0:0:0:1, which is denied by webhook.denied-hosts");
        assertThat(HostPolicy.defaults().refusal(global)).isNull();
    }

    @Test
    void aResolvedUnspecifiedAddressIsRefused() {
        assertThat(HostPolicy.of("", "").refusal(address(0, 0, 0, 0))).isEqualTo("host 0.0.0.0 is an unspecified address (0.0.0.0 or ::),"
                + " which connects to this machine; it is always refused");
    }

    @Test
    void aResolvedIpv4CompatibleAddressIsMatchedAsTheIpv4Address() {
        InetAddress compatible = address(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 169, 254, 169, 254);

        assertThat(HostPolicy.defaults().refusal(compatible)).isEqualTo("host resolves to " + compatible.getHostAddress()
                + ", which is denied by webhook.denied-hosts");
    }

    @Test
    void aResolvedAddressIsCheckedAgainstDeniedRangesOnly() {
        // The name was checked against both lists before connecting; its addresses need not be listed themselves.
        HostPolicy policy = HostPolicy.of("api.example.com", "api.example.com,10.0.0.0/8");

        assertThat(policy.refusal(address(93, 184, 216, 34))).as("not in the allow list, which names hosts").isNull();
        assertThat(policy.refusal(address(10, 0, 0, 1)))
                .isEqualTo("host resolves to 10.0.0.1, which is denied by webhook.denied-hosts");
    }
}
