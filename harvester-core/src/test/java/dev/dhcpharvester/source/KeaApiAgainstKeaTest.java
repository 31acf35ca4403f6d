package dev.dhcpharvester.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dhcpharvester.testing.KeaControlAgent;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kea's lease API through a real kea-ctrl-agent and kea-dhcp4 on loopback: pages, credentials, failures. */
class KeaApiAgainstKeaTest {

    @Test
    void leasesAreReadAPageAtATime(@TempDir Path dir) throws Exception {
        assumeTrue(KeaControlAgent.available(), "kea-dhcp4 and kea-ctrl-agent are installed by bin/run-tests");
        try (KeaControlAgent kea = KeaControlAgent.start(dir)) {
            for (int i = 1; i <= 250; i++) {
                kea.addLease("198.18.9." + i, String.format("52:54:00:00:09:%02x", i), "api-" + i);
            }
            List<Lease> leases = new ArrayList<>();
            int count = KeaApiLeaseSource.read(endpoint(kea.url(), KeaControlAgent.USER, KeaControlAgent.PASSWORD, 100),
                    leases::add);
            assertThat(count).isEqualTo(250);
            assertThat(leases).extracting(Lease::address).doesNotHaveDuplicates().contains("198.18.9.1", "198.18.9.250");
            Lease first = leases.stream().filter(l -> l.address().equals("198.18.9.7")).findFirst().orElseThrow();
            assertThat(first.mac()).isEqualTo("52:54:00:00:09:07");
            assertThat(first.hostname()).isEqualTo("api-7");
            assertThat(first.state()).isEqualTo(BindingState.ACTIVE);
            assertThat(java.time.Duration.between(first.starts(), first.ends())).isEqualTo(Duration.ofHours(1));
            assertThat(first.origin().file()).isEqualTo(kea.url().toString());
        }
    }

    @Test
    void dhcpv6LeasesAreReadFromTheServerTheUrlFragmentNames(@TempDir Path dir) throws Exception {
        assumeTrue(KeaControlAgent.available(), "kea-dhcp6 and kea-ctrl-agent are installed by bin/run-tests");
        try (KeaControlAgent kea = KeaControlAgent.start(dir)) {
            for (int i = 1; i <= 30; i++) {
                kea.addLease6("2001:db8:9::" + Integer.toHexString(i), String.format("00:03:00:01:52:54:00:00:09:%02x", i),
                        "six-" + i);
            }
            kea.addLease("198.18.9.1", "52:54:00:00:09:01", "four-1");
            List<Lease> leases = new ArrayList<>();
            int count = KeaApiLeaseSource.read(endpoint(URI.create(kea.url() + "#dhcp6"), KeaControlAgent.USER,
                    KeaControlAgent.PASSWORD, 7), leases::add);

            assertThat(count).as("lease6-get-page, 7 at a time; the DHCPv4 lease is not among them").isEqualTo(30);
            assertThat(leases).extracting(Lease::address).doesNotHaveDuplicates().contains("2001:db8:9::1", "2001:db8:9::1e");
            Lease ten = leases.stream().filter(l -> l.address().equals("2001:db8:9::a")).findFirst().orElseThrow();
            assertThat(ten.clientId()).isEqualTo("000300015254000009" + "0a");
            assertThat(ten.mac()).as("from the DUID-LL").isEqualTo("52:54:00:00:09:0a");
            assertThat(ten.hostname()).isEqualTo("six-10");
            assertThat(java.time.Duration.between(ten.starts(), ten.ends())).isEqualTo(Duration.ofHours(1));
        }
        assertThatThrownBy(() -> endpoint(URI.create("http://127.0.0.1:8000/#dhcp5"), null, null, 10))
                .hasMessageContaining("may end in #dhcp4 or #dhcp6");
    }

    @Test
    void everyFailureNamesTheAgentAndWhatWentWrong(@TempDir Path dir) throws Exception {
        assumeTrue(KeaControlAgent.available(), "kea-dhcp4 and kea-ctrl-agent are installed by bin/run-tests");
        try (KeaControlAgent kea = KeaControlAgent.start(dir)) {
            assertThatThrownBy(() -> KeaApiLeaseSource.read(endpoint(kea.url(), KeaControlAgent.USER, "wrong", 100), l -> { }))
                    .hasMessage("the Kea control agent at " + kea.url() + " refused the credentials (HTTP 401);"
                            + " check --kea-api-credentials")
                    .hasMessageNotContaining("wrong");
            kea.stopDhcp4();
            assertThatThrownBy(() -> KeaApiLeaseSource.read(endpoint(kea.url(), KeaControlAgent.USER, KeaControlAgent.PASSWORD,
                    100), l -> { }))
                    .hasMessageStartingWith("Kea control agent " + kea.url() + " answered lease4-get-page with result 1: ");
        }
        assertThatThrownBy(() -> KeaApiLeaseSource.read(endpoint(URI.create("http://127.0.0.1:9/"), null, null, 100), l -> { }))
                .hasMessageContaining("cannot reach the Kea control agent at http://127.0.0.1:9/ (connection refused)");
    }

    @Test
    void anAgentThatNeverAnswersTimesOut() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            URI url = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/");
            KeaApiLeaseSource.Endpoint endpoint = new KeaApiLeaseSource.Endpoint(url, null, null, Duration.ofMillis(500), 100);
            assertThatThrownBy(() -> KeaApiLeaseSource.read(endpoint, l -> { }))
                    .hasMessage("Kea control agent " + url + " did not answer within 500 ms");
        }
    }

    static KeaApiLeaseSource.Endpoint endpoint(URI url, String user, String password, int page) {
        return new KeaApiLeaseSource.Endpoint(url, user, password, Duration.ofSeconds(10), page);
    }
}
