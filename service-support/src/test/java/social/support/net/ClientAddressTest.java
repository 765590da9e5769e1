package social.support.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @Test
    void ipv4AddressesCountOneByOne() {
        assertThat(ClientAddress.groupOf("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.groupOf("203.0.113.8")).isNotEqualTo(ClientAddress.groupOf("203.0.113.7"));
    }

    @Test
    void ipv6AddressesCountByTheirSlash64InAnySpelling() {
        String group = ClientAddress.groupOf("2001:db8:1:2::1");
        assertThat(ClientAddress.groupOf("2001:0db8:0001:0002:ffff:ffff:ffff:ffff"))
                .isEqualTo(group);
        assertThat(ClientAddress.groupOf("[2001:DB8:1:2:0:0:0:9]")).isEqualTo(group);
        assertThat(ClientAddress.groupOf("2001:db8:1:3::1")).isNotEqualTo(group);
    }

    @Test
    void anIpv4MappedIpv6AddressIsItsIpv4Address() {
        assertThat(ClientAddress.groupOf("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
    }

    @Test
    void aMissingAddressIsOneGroupAndAHostNameIsNeverResolved() {
        assertThat(ClientAddress.groupOf(null)).isEqualTo(ClientAddress.groupOf(" "));
        assertThat(ClientAddress.groupOf("localhost")).isEqualTo("localhost");
    }
}
