package io.webhookactions.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What an attribute may put into the host of a URL (SPEC §11): host-name characters, an optional port, or a
 * bracketed IPv6 address. Decisions only: nothing is resolved or connected to.
 */
class HostNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "z", "A", "Z", "0", "9", "az-AZ.09", "api.example.com", "API.Example.COM", "xn--bcher-kva.example",
        "10.0.0.7", "example.com.", "tenant-1"})
    void hostNameCharactersAreAccepted(String host) {
        assertThat(HostNames.isHostFragment(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a`b", "a{b", "a@b", "a[b", "a/b", "a_b", "a b", "a?b", "a#b", "a%2eb", "a\\b", "a\nb", "a\u0000b",
        "bücher.example", "ａ.example", "a;b", "a,b", "a*b", "a!b", "a~b", "a=b"})
    void anyOtherCharacterInAHostIsRefused(String host) {
        assertThat(HostNames.isHostFragment(host)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-bad.example", "bad-", "bad.example-", "evil..example", ".."})
    void anEmptyHostOrOneWithADanglingHyphenOrAnEmptyLabelIsRefused(String host) {
        assertThat(HostNames.isHostFragment(host)).isFalse();
    }

    @Test
    void aHostOfAtMost259CharactersIsAcceptedAndALongerOneRefused() {
        assertThat(HostNames.isHostFragment("a".repeat(259))).isTrue();
        assertThat(HostNames.isHostFragment("a".repeat(260))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com:1", "example.com:8080", "example.com:65535", "example.com:09", "example.com:90",
        "example.com:00443"})
    void aPortFrom1To65535IsAccepted(String host) {
        assertThat(HostNames.isHostFragment(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com:", "example.com:0", "example.com:00000", "example.com:65536", "example.com:99999",
        "example.com:065535", "example.com:100000", "example.com:8a", "example.com:8/", "example.com:/8", "example.com:80:80",
        "example.com:-1", "example.com:+80", ":80", "user@example.com:80"})
    void aMissingZeroOutOfRangeOrNonNumericPortIsRefused(String host) {
        assertThat(HostNames.isHostFragment(host)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[::1]", "[::1]:8443", "[::1]:1", "[fe80::1]", "[2001:DB8::aBcD]", "[::ffff:127.0.0.1]",
        "[0123:4567:89ab:cdef:0123:4567:89ab:cdef]"})
    void aBracketedIpv6AddressIsAcceptedWithOrWithoutAPort(String host) {
        assertThat(HostNames.isHostFragment(host)).isTrue();
    }

    @Test
    void aBracketedAddressOfAtMost45CharactersIsAcceptedAndALongerOneRefused() {
        String longest = "0000:0000:0000:0000:0000:ffff:255.255.255.255";
        assertThat(longest).hasSize(45);

        assertThat(HostNames.isHostFragment("[" + longest + "]")).isTrue();
        assertThat(HostNames.isHostFragment("[0" + longest + "]")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[::1", "[]", "[]:80", "[::g]", "[fe80::1%25eth0]", "[fe80::1%eth0]", "[::1 ]", "[::1/128]",
        "[::1]x", "[::1]:", "[::1]:0", "[::1]:65536", "[::1]x8080", "[::1]:80/", "[::1]]", "[::1]@evil.example",
        "[example.com]"})
    void aBracketedHostThatIsNotAnIpv6AddressAndAPortIsRefused(String host) {
        assertThat(HostNames.isHostFragment(host)).isFalse();
    }
}
