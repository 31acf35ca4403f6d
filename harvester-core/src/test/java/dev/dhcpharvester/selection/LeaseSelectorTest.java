package dev.dhcpharvester.selection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dhcpharvester.source.BindingState;
import dev.dhcpharvester.source.Lease;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LeaseSelectorTest {

    static final Instant NOON = Instant.parse("2026-11-25T12:00:00Z");

    static Lease lease(String address, BindingState state, String starts, String ends, String name) {
        return new Lease(address, "00:16:3e:00:00:01", "", name, starts == null ? null : Instant.parse(starts),
                ends == null ? null : Instant.parse(ends), state, false, new Lease.Origin("test", 1));
    }

    static Lease active(String address, String name) {
        return lease(address, BindingState.ACTIVE, "2026-11-25T08:00:00Z", "2026-11-25T20:00:00Z", name);
    }

    @Test
    void aLaterEntryForAnAddressSupersedesAnEarlierOne() {
        LeaseSelector selector = new LeaseSelector(NOON);
        selector.add(active("192.0.2.1", "first"));
        selector.add(lease("192.0.2.1", BindingState.FREE, "2026-11-25T09:00:00Z", "2026-11-25T10:00:00Z", "first"));
        selector.add(lease("192.0.2.2", BindingState.FREE, "2026-11-25T09:00:00Z", "2026-11-25T10:00:00Z", "second"));
        selector.add(active("192.0.2.2", "second"));

        Selection selection = selector.select(List.of());

        assertThat(selection.inForce()).extracting(Lease::hostname).containsExactly("second");
        assertThat(selection.leasesRead()).isEqualTo(4);
        assertThat(selection.addresses()).isEqualTo(2);
    }

    @Test
    void aLeaseIsInForceFromItsStartUntilJustBeforeItsEnd() {
        Lease lease = active("192.0.2.1", "h");
        assertThat(LeaseSelector.inForce(lease, Instant.parse("2026-11-25T08:00:00Z"))).isTrue();
        assertThat(LeaseSelector.inForce(lease, Instant.parse("2026-11-25T19:59:59Z"))).isTrue();
        assertThat(LeaseSelector.inForce(lease, Instant.parse("2026-11-25T20:00:00Z"))).isFalse();
        assertThat(LeaseSelector.inForce(lease, Instant.parse("2026-11-25T07:59:59Z"))).isFalse();
    }

    @Test
    void endsNeverIsOpenEnded() {
        Lease lease = lease("192.0.2.1", BindingState.ACTIVE, "2026-11-25T08:00:00Z", null, "h");
        assertThat(LeaseSelector.inForce(lease, Instant.parse("2999-01-01T00:00:00Z"))).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = BindingState.class, names = {"FREE", "EXPIRED", "RELEASED", "ABANDONED", "RESET", "BACKUP"})
    void onlyActiveBindingsArePublishedEvenWithinTheirTimes(BindingState state) {
        Lease lease = lease("192.0.2.1", state, "2026-11-25T08:00:00Z", "2026-11-25T20:00:00Z", "h");
        assertThat(LeaseSelector.inForce(lease, NOON)).isFalse();
    }

    @Test
    void aLeaseWithoutBindingStateCountsAsActiveButAbandonedOnesNever() {
        assertThat(LeaseSelector.inForce(lease("192.0.2.1", BindingState.UNSPECIFIED, "2026-11-25T08:00:00Z",
                "2026-11-25T20:00:00Z", "h"), NOON)).isTrue();
        Lease abandoned = new Lease("192.0.2.1", "", "", "h", null, null, BindingState.ACTIVE, true,
                new Lease.Origin("t", 1));
        assertThat(LeaseSelector.inForce(abandoned, NOON)).isFalse();
    }

    @Test
    void reservationsAreAddedAndWinOverADynamicLeaseForTheSameAddressAndResultIsSortedByAddress() {
        LeaseSelector selector = new LeaseSelector(NOON);
        selector.add(active("192.0.2.10", "dynamic"));
        selector.add(active("192.0.2.9", "nine"));
        Lease reserved = new Lease("192.0.2.10", "52:54:00:00:00:01", "", "fixed", null, null, BindingState.ACTIVE,
                false, new Lease.Origin("res", 1));
        Lease other = new Lease("192.0.2.100", "52:54:00:00:00:02", "", "other", null, null, BindingState.ACTIVE,
                false, new Lease.Origin("res", 2));

        Selection selection = selector.select(List.of(reserved, other));

        assertThat(selection.inForce()).extracting(Lease::hostname).containsExactly("nine", "fixed", "other");
        assertThat(selection.activeLeases()).isEqualTo(2);
        assertThat(selection.reservations()).isEqualTo(2);
    }
}
