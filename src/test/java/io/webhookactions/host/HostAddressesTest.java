package io.webhookactions.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How a host is read before any rule applies (SPEC §11): numeric forms, IP literals, mapped addresses. No DNS. */
class HostAddressesTest {

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3.4", "0.0.0.0", "10.0.0.1", "9.9.9.9", "255.255.255.255", "127.0.0.1", "1.2.3.4.", "api.example.com",
        "localhost", "", "[::1]", "[0x7f.1]", "a.0xg", "example.0x1g", "1.2.3.4e", "1.2.3.-1", "1.2.3.4..", "x.", "1.2.3.٤x"})
    void aDottedDecimalAddressOrANameIsNoNumericFormProblem(String host) {
        assertThat(HostAddresses.numericFormProblem(host)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2130706433", "0x7f000001", "0X7F000001", "0x7f.1", "127.1", "127.0.1", "0177.0.0.1", "127.0.0.01",
        "127.000.000.001", "1.2.3.0004", "1.2.3.00", "256.1.1.1", "1.2.3.256", "1.2.3.4.5", "1.a.3.4", "1./.3.4", "1.:.3.4",
        "api.example.123", "api.example.0x1f", "1.2.3.0x", "1.2.3.0X", "0", "0x", "1.2.3.4.5.", "١٢٧.0.0.1", "1.2.3.٤"})
    void anyOtherNumericFormIsAProblemNamingTheHost(String host) {
        assertThat(HostAddresses.numericFormProblem(host)).isEqualTo("host " + host + " is a numeric address that is not in"
                + " dotted-decimal form (a.b.c.d, no leading zeros); such forms are read differently by different parsers, so write"
                + " the address as a.b.c.d");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[::1", "::1]", "10.0.0.1%25eth0", "127.1", "0x7f.0.0.1", "2130706433", "[127.0.0.1", "1..2.3", ".1.2.3"})
    void aHalfBracketedAddressAZoneOnIpv4OrANumericFormIsNoLiteral(String host) {
        assertThat(HostAddresses.literal(host)).as(host).isNull();
    }

    @Test
    void aZoneIdIsLeftOutOfAnyIpv6Literal() {
        byte[] loopback = bytes(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
        assertThat(HostAddresses.literal("::1%25lo")).containsExactly(loopback);
        assertThat(HostAddresses.literal("[::1%25lo]")).containsExactly(loopback);
        assertThat(HostAddresses.literal("[fe80::1%25eth0]")).containsExactly(bytes(0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1));
    }

    @Test
    void anIpv4LiteralIsReadAsItsFourBytes() {
        assertThat(HostAddresses.literal("10.0.0.1")).containsExactly(bytes(10, 0, 0, 1));
        assertThat(HostAddresses.literal("255.255.255.255")).containsExactly(bytes(255, 255, 255, 255));
        assertThat(HostAddresses.literal("0.0.0.0")).containsExactly(bytes(0, 0, 0, 0));
    }

    @Test
    void anIpv6LiteralIsReadWithOrWithoutBrackets() {
        byte[] loopback = bytes(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);

        assertThat(HostAddresses.literal("::1")).containsExactly(loopback);
        assertThat(HostAddresses.literal("[::1]")).containsExactly(loopback);
        assertThat(HostAddresses.literal("[FE80::A]")).containsExactly(bytes(0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x0a));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[fe80::1%25eth0]", "[fe80::1%eth0]", "fe80::1%eth0", "fe80::1%1", "[fe80::1%25nosuchinterface]"})
    void anIpv6ZoneIdIsLeftOut(String host) {
        assertThat(HostAddresses.literal(host)).containsExactly(bytes(0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"api.example.com", "localhost", "", ".", "1.", "10.0.0.1.", "10.0.0.%31", "%31.0.0.1", "127.1",
        "2130706433", "0x7f.0.0.1", "1.2.3", "[::1", "::1]", "1:2", "::g", "1::2::3", "[::1]:80", "abc", "face", "1.2.3.4:80",
        "%25eth0", "١.٢.٣.٤"})
    void aNameOrAnythingElseIsNoLiteral(String host) {
        assertThat(HostAddresses.literal(host)).isNull();
    }

    @Test
    void anIpv4LiteralWithATrailingDotIsNotLookedUp() {
        long started = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            assertThat(HostAddresses.literal("10.0.0." + i + ".")).isNull();
        }
        assertThat((System.nanoTime() - started) / 1_000_000).as("no name lookups, milliseconds").isLessThan(1_000);
    }

    @Test
    void ipv4MappedAndCompatibleAddressesAreTheirIpv4Address() {
        assertThat(HostAddresses.canonical(bytes(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 169, 254, 1, 2)))
                .containsExactly(bytes(169, 254, 1, 2));
        assertThat(HostAddresses.canonical(bytes(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 169, 254, 1, 2))).containsExactly(bytes(169, 254, 1, 2));
        assertThat(HostAddresses.canonical(bytes(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2))).containsExactly(bytes(0, 0, 0, 2));
        assertThat(HostAddresses.canonical(bytes(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0))).containsExactly(bytes(0, 0, 1, 0));
        assertThat(HostAddresses.canonical(bytes(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0))).containsExactly(bytes(0, 1, 0, 0));
        assertThat(HostAddresses.canonical(bytes(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0))).containsExactly(bytes(1, 0, 0, 0));
    }

    @Test
    void theIpv6LoopbackAndUnspecifiedAddressesStayIpv6() {
        byte[] loopback = bytes(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
        byte[] unspecified = new byte[16];

        assertThat(HostAddresses.canonical(loopback)).containsExactly(loopback);
        assertThat(HostAddresses.canonical(unspecified)).containsExactly(unspecified);
    }

    @Test
    void otherIpv6AddressesStayAsTheyAre() {
        byte[][] addresses = {
            bytes(0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1),
            bytes(0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0xff, 0xff, 169, 254, 1, 2),
            bytes(0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 169, 254, 1, 2),
            bytes(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 169, 254, 1, 2),
            bytes(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0, 169, 254, 1, 2),
            bytes(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 169, 254, 1, 2),
            bytes(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x7f, 0xff, 169, 254, 1, 2),
        };
        for (byte[] address : addresses) {
            assertThat(HostAddresses.canonical(address)).containsExactly(address);
        }
    }

    @Test
    void anIpv4AddressStaysAsItIs() {
        byte[] address = bytes(0, 0, 0, 2);

        assertThat(HostAddresses.canonical(address)).isSameAs(address);
    }

    @Test
    void theUnspecifiedAddressesAreRecognisedInEveryForm() {
        assertThat(HostAddresses.isUnspecified(bytes(0, 0, 0, 0))).isTrue();
        assertThat(HostAddresses.isUnspecified(new byte[16])).isTrue();
        assertThat(HostAddresses.isUnspecified(bytes(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 0))).isTrue();
    }

    @Test
    void anyOtherAddressIsNotUnspecified() {
        assertThat(HostAddresses.isUnspecified(bytes(0, 0, 0, 1))).isFalse();
        assertThat(HostAddresses.isUnspecified(bytes(1, 0, 0, 0))).isFalse();
        assertThat(HostAddresses.isUnspecified(bytes(0, 0, 1, 0))).isFalse();
        assertThat(HostAddresses.isUnspecified(bytes(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1))).isFalse();
        assertThat(HostAddresses.isUnspecified(bytes(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 1))).isFalse();
    }
}
