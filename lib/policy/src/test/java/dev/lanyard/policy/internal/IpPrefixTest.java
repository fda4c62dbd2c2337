package dev.lanyard.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpPrefixTest {
    @ParameterizedTest(name = "{1} in {0} = {2}")
    @CsvSource({
            "203.0.113.0/24,      203.0.113.7,          true",
            "203.0.113.0/24,      203.0.114.7,          false",
            "203.0.113.7,         203.0.113.7,          true",
            "203.0.113.7,         203.0.113.8,          false",
            "10.0.0.1/8,          10.255.1.1,           true",
            "0.0.0.0/0,           192.168.1.1,          true",
            "192.168.0.0/23,      192.168.1.255,        true",
            "192.168.0.0/23,      192.168.2.0,          false",
            "2001:DB8:1234:5678::/64, 2001:db8:1234:5678:abcd::1, true",
            "2001:DB8:1234:5678::/64, 2001:db8:1234:5679::1,      false",
            "::1,                 ::1,                  true",
            "::/0,                fe80::1,              true",
            "::ffff:10.0.0.0/120, ::ffff:10.0.0.9,      true",
            "2001:db8::/32,       203.0.113.7,          false",
            "203.0.113.0/24,      2001:db8::1,          false",
    })
    void containment(String network, String address, boolean expected) {
        IpPrefix prefix = IpPrefix.parse(network).orElseThrow();
        assertThat(prefix.contains(IpAddressText.parse(address))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4/33", "1.2.3.4/", "::1/129", "1:::2",
            "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "g::1", "example.com", "1.2.3.4/a", "1:2:3:4:5:6:7"})
    void rejectsMalformedNetworks(String text) {
        assertThat(IpPrefix.parse(text)).as(text).isEmpty();
    }
}
