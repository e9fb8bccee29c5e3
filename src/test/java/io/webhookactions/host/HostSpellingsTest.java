package io.webhookactions.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every way of writing a host that a URL parser, a resolver or a socket reads as another one (SPEC §8, §11),
 * checked as the host rules' decision: nothing is resolved or connected to.
 */
class HostSpellingsTest {

    private static final String NUMERIC = " is a numeric address that is not in dotted-decimal form (a.b.c.d, no leading zeros);"
            + " such forms are read differently by different parsers, so write the address as a.b.c.d";

    private static String denied(String host) {
        return "host " + host + " is denied by webhook.denied-hosts";
    }

    @ParameterizedTest
    @ValueSource(strings = {"2130706433", "017700000001", "0x7f000001", "0X7F000001", "0x7f.0.0.1", "0X7F.0.0.1", "0177.0.0.1",
        "127.0.0.0x1", "127.0x0.0.1", "127.1", "127.0.1", "127.000.000.001", "0", "0x0", "0.0", "0.0.0", "%31%32%37.0.0.1",
        "%31%30.0.0.1.", "2852039166", "0xa9.0xfe.0xa9.0xfe", "0251.0376.0251.0376", "169.254.43518"})
    void aHostWrittenAsADecimalOctalHexOrShortNumberIsRefused(String host) {
        String refusal = "host " + host.toLowerCase(Locale.ROOT) + NUMERIC;

        assertThat(HostPolicy.defaults().refusal(host)).isEqualTo(refusal);
        assertThat(HostPolicy.of("*", "").refusal(host)).as("whatever the lists say").isEqualTo(refusal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "0.0.0.0.", "[::]", "[::0]", "[0:0:0:0:0:0:0:0]", "[::ffff:0.0.0.0]", "[::ffff:0:0]",
        "[0000::0000]"})
    void theUnspecifiedAddressInAnyFormIsRefused(String host) {
        assertThat(HostPolicy.of("", "").refusal(host)).isEqualTo("host " + host + " is an unspecified address (0.0.0.0 or ::),"
                + " which connects to this machine; it is always refused");
    }

    @ParameterizedTest
    @ValueSource(strings = {"169.254.169.254", "169.254.0.1", "169.254.255.255", "[::ffff:169.254.169.254]", "[::ffff:a9fe:a9fe]",
        "[::169.254.169.254]", "[::a9fe:a9fe]", "[0:0:0:0:0:ffff:169.254.169.254]", "[0000:0000:0000:0000:0000:FFFF:A9FE:A9FE]",
        "[fe80::]", "[fe80::1]", "[FE80::1]", "[febf:ffff::1]", "[fe80::a9fe:a9fe]", "[fd00:ec2::254]", "100.100.100.200",
        "[::ffff:100.100.100.200]", "metadata.google.internal", "METADATA.Google.Internal", "metadata.goog"})
    void linkLocalAndMetadataHostsAreDeniedByDefaultInEveryForm(String host) {
        assertThat(HostPolicy.defaults().refusal(host)).isEqualTo(denied(host));
    }

    @ParameterizedTest
    @ValueSource(strings = {"169.254.169.254.", "metadata.google.internal.", "Metadata.Google.Internal.", "metadata.goog.",
        "100.100.100.200."})
    void aTrailingDotDoesNotHideADeniedHost(String host) {
        assertThat(HostPolicy.defaults().refusal(host)).isEqualTo(denied(host));
    }

    @Test
    void aTrailingDotNamesTheSameHostForEveryPattern() {
        HostPolicy policy = HostPolicy.of("api.example.com,*.partner.example", "internal.example.com,*.corp.example,10.0.0.0/8");

        assertThat(policy.refusal("internal.example.com.")).isEqualTo(denied("internal.example.com."));
        assertThat(policy.refusal("db.corp.example.")).isEqualTo(denied("db.corp.example."));
        assertThat(policy.refusal("10.1.2.3.")).isEqualTo(denied("10.1.2.3."));
        assertThat(policy.refusal("api.example.com.")).isNull();
        assertThat(policy.refusal("eu.partner.example.")).isNull();
        assertThat(policy.refusal("partner.example.")).isEqualTo("host partner.example. is not in webhook.allowed-hosts");
    }

    @Test
    void aPatternWrittenWithATrailingDotMatchesTheHost() {
        HostPolicy policy = HostPolicy.of("", "internal.example.com.,10.0.0.1.");

        assertThat(policy.refusal("internal.example.com")).isEqualTo(denied("internal.example.com"));
        assertThat(policy.refusal("10.0.0.1")).isEqualTo(denied("10.0.0.1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[fe80::1%25eth0]", "[fe80::1%eth0]", "[FE80::1%25ETH0]", "[fe80::1%251]", "[fe80::a9fe:a9fe%25lo]"})
    void anIpv6ZoneIdDoesNotHideALinkLocalAddress(String host) {
        assertThat(HostPolicy.defaults().refusal(host)).isEqualTo(denied(host));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.%31", "metadata%2egoogle%2einternal", "metadata.google.internal%2e",
        "%6d%65%74%61%64%61%74%61.goog", "[::ffff:10.0.0.%31]"})
    void aPercentEncodedHostIsRefused(String host) {
        assertThat(HostPolicy.of("", "").refusal(host)).isEqualTo("host " + host + " is percent-encoded; such hosts are decoded by"
                + " some parsers and not by others, so write it decoded");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[::127.0.0.1]", "[::7f00:1]", "127.255.255.255",
        "127.0.0.1."})
    void everyFormOfALoopbackAddressIsMatchedByTheIpv4Range(String host) {
        assertThat(HostPolicy.of("", "127.0.0.0/8").refusal(host)).isEqualTo(denied(host));
    }

    @Test
    void theIpv6LoopbackIsNotAnIpv4CompatibleAddress() {
        HostPolicy policy = HostPolicy.of("", "0.0.0.0/8");

        assertThat(policy.refusal("[::1]")).isNull();
        assertThat(policy.refusal("[::2]")).as("::2 is 0.0.0.2").isEqualTo(denied("[::2]"));
        assertThat(HostPolicy.of("", "::1").refusal("[::1]")).isEqualTo(denied("[::1]"));
        assertThat(HostPolicy.of("", "::1/128").refusal("[0:0:0:0:0:0:0:1]")).isEqualTo(denied("[0:0:0:0:0:0:0:1]"));
    }

    @Test
    void anIpv4RangeWrittenAsAMappedIpv6RangeCountsItsPrefixFromTheIpv4Part() {
        HostPolicy slash104 = HostPolicy.of("", "::ffff:10.0.0.0/104");
        HostPolicy slash112 = HostPolicy.of("", "::ffff:169.254.0.0/112");
        HostPolicy slash96 = HostPolicy.of("", "::ffff:0.0.0.0/96");
        HostPolicy below = HostPolicy.of("", "::ffff:10.0.0.0/80");
        HostPolicy whole = HostPolicy.of("", "::ffff:10.0.0.7");

        assertThat(slash104.refusal("10.1.2.3")).isEqualTo(denied("10.1.2.3"));
        assertThat(slash104.refusal("[::ffff:10.255.0.1]")).isEqualTo(denied("[::ffff:10.255.0.1]"));
        assertThat(slash104.refusal("11.0.0.1")).isNull();
        assertThat(slash112.refusal("169.254.169.254")).isEqualTo(denied("169.254.169.254"));
        assertThat(slash112.refusal("169.255.0.1")).isNull();
        assertThat(slash96.refusal("8.8.8.8")).isEqualTo(denied("8.8.8.8"));
        assertThat(below.refusal("8.8.8.8")).as("a prefix shorter than the mapping covers every IPv4 address")
                .isEqualTo(denied("8.8.8.8"));
        assertThat(whole.refusal("10.0.0.7")).isEqualTo(denied("10.0.0.7"));
        assertThat(whole.refusal("10.0.0.8")).isNull();
        assertThat(HostPolicy.of("", "::ffff:10.0.0.0/128").refusal("10.0.0.1")).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "10.0.0.0/0,    8.8.8.8,           true",
        "10.0.0.0/1,    127.255.255.255,   true",
        "10.0.0.0/1,    128.0.0.0,         false",
        "10.0.0.0/7,    11.255.255.255,    true",
        "10.0.0.0/7,    12.0.0.0,          false",
        "10.0.0.0/9,    10.127.255.255,    true",
        "10.0.0.0/9,    10.128.0.0,        false",
        "10.0.0.0/15,   10.1.255.255,      true",
        "10.0.0.0/15,   10.2.0.0,          false",
        "10.0.0.0/24,   10.0.0.255,        true",
        "10.0.0.0/24,   10.0.1.0,          false",
        "10.0.0.0/25,   10.0.0.127,        true",
        "10.0.0.0/25,   10.0.0.128,        false",
        "10.0.0.0/008,  10.255.0.0,        true",
        "255.255.255.255/32, 255.255.255.255, true",
        "255.255.255.255/32, 255.255.255.254, false",
        "fe80::/9,      [feff::1],         true",
        "fe80::/9,      [fe7f::1],         false",
        "fe80::/16,     [fe80:ffff::1],    true",
        "fe80::/16,     [fe81::],          false",
        "2001:db8::/33, [2001:db8:7fff::1], true",
        "2001:db8::/33, [2001:db8:8000::1], false",
        "2001:db8::/127, [2001:db8::1],    true",
        "2001:db8::/127, [2001:db8::2],    false",
        "::/0,          [2001:db8::1],     true",
        "::/0,          8.8.8.8,           false",
    })
    void aRangeMatchesExactlyTheAddressesItsPrefixCovers(String range, String host, boolean isDenied) {
        String refusal = HostPolicy.of("", range).refusal(host);

        assertThat(refusal).isEqualTo(isDenied ? denied(host) : null);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "10.0.0.0/33|'10.0.0.0/33' needs a prefix length from 0 to 32",
        "10.0.0.0/-1|'10.0.0.0/-1' needs a prefix length from 0 to 32",
        "10.0.0.0/|'10.0.0.0/' needs a prefix length from 0 to 32",
        "10.0.0.0/x|'10.0.0.0/x' needs a prefix length from 0 to 32",
        "10.0.0.0/1000|'10.0.0.0/1000' needs a prefix length from 0 to 32",
        "10.0.0.0/ 8|'10.0.0.0/ 8' needs a prefix length from 0 to 32",
        "fe80::/129|'fe80::/129' needs a prefix length from 0 to 128",
        "::ffff:10.0.0.0/129|'::ffff:10.0.0.0/129' needs a prefix length from 0 to 128",
        "example.com/8|'example.com/8' has a /prefix but example.com is not an IP address",
        "127.1/8|'127.1/8' has a /prefix but 127.1 is not an IP address",
        "/8|'/8' has a /prefix but no address is not an IP address",
    })
    void aRangeWithABadPrefixIsRefusedWhenTheRulesAreRead(String pattern, String message) {
        assertThatThrownBy(() -> HostPolicy.of("", pattern)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void theLargestPrefixesAreAccepted() {
        assertThat(HostPolicy.of("", "10.0.0.1/32").refusal("10.0.0.1")).isEqualTo(denied("10.0.0.1"));
        assertThat(HostPolicy.of("", "::ffff:10.0.0.1/128").refusal("10.0.0.1")).isEqualTo(denied("10.0.0.1"));
        assertThat(HostPolicy.of("", "fe80::1/128").refusal("[fe80::1]")).isEqualTo(denied("[fe80::1]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"xn--80ak6aa92e.com", "XN--80AK6AA92E.COM", "Xn--80ak6aa92e.Com."})
    void aPunycodeNameIsMatchedLikeAnyOtherNameInAnyCase(String host) {
        assertThat(HostPolicy.of("", "xn--80ak6aa92e.com").refusal(host)).isEqualTo(denied(host));
        assertThat(HostPolicy.of("", "*.xn--80ak6aa92e.com").refusal("api." + host)).isEqualTo(denied("api." + host));
        assertThat(HostPolicy.of("", "").refusal(host)).isNull();
    }

    @Test
    void anIpAddressPatternNeverMatchesANameAndANamePatternNeverAnAddress() throws Exception {
        HostPolicy policy = HostPolicy.of("", "10.0.0.1,localhost");

        assertThat(policy.refusal("ten.example")).isNull();
        assertThat(policy.refusal("127.0.0.1")).as("localhost by name only").isNull();
        assertThat(policy.refusal(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))).isNull();
        assertThat(policy.refusal(InetAddress.getByAddress(new byte[] {10, 0, 0, 1})))
                .isEqualTo("host resolves to 10.0.0.1, which is denied by webhook.denied-hosts");
    }

    @Test
    void aResolvedIpv4MappedOrUnspecifiedAddressIsJudgedAsItsIpv4Address() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 169, (byte) 254, 1, 1};
        byte[] unspecified = new byte[16];

        assertThat(HostPolicy.defaults().refusal(InetAddress.getByAddress(mapped)))
                .isEqualTo("host resolves to 169.254.1.1, which is denied by webhook.denied-hosts");
        assertThat(HostPolicy.defaults().refusal(InetAddress.getByAddress(unspecified))).isEqualTo("host 0:0:0:0:0:0:0:0 is an"
                + " unspecified address (0.0.0.0 or ::), which connects to this machine; it is always refused");
        assertThat(HostPolicy.defaults().refusal(InetAddress.getByAddress(new byte[] {8, 8, 8, 8}))).isNull();
    }
}
