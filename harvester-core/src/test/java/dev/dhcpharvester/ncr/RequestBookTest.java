package dev.dhcpharvester.ncr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dhcpharvester.publication.ddns.DdnsPublisher;
import dev.dhcpharvester.publication.ddns.DdnsPublisher.ConflictMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestBookTest {

    static NameChangeRequest add(String name, String address) {
        return request(NameChangeRequest.Type.ADD, name, address);
    }

    static NameChangeRequest remove(String name, String address) {
        return request(NameChangeRequest.Type.REMOVE, name, address);
    }

    static NameChangeRequest request(NameChangeRequest.Type type, String name, String address) {
        return new NameChangeRequest(type, true, true, name + ".ddns.test.", address, "000101AB",
                Instant.parse("2026-11-26T00:00:00Z"), 600, ConflictMode.CHECK_WITH_DHCID);
    }

    @Test
    void theLatestRequestForANameWins(@TempDir Path dir) throws Exception {
        try (RequestBook book = RequestBook.open(new NcrJournal(dir.resolve("journal")), w -> { })) {
            book.accept(List.of(add("a", "192.0.2.1"), add("b", "192.0.2.2"), add("a", "192.0.2.3"), remove("b", "192.0.2.2"),
                    remove("c", "192.0.2.4"), add("c", "192.0.2.5")));
            RequestBook.Snapshot snapshot = book.snapshot();
            assertThat(snapshot.adds()).containsExactly(add("a", "192.0.2.3"), add("c", "192.0.2.5"));
            assertThat(snapshot.removes()).containsExactly(remove("b", "192.0.2.2"));
        }
    }

    @Test
    void whatWasAcceptedSurvivesARestart(@TempDir Path dir) throws Exception {
        Path journal = dir.resolve("journal");
        try (RequestBook book = RequestBook.open(new NcrJournal(journal), w -> { })) {
            book.accept(List.of(add("a", "192.0.2.1"), remove("b", "192.0.2.2")));
        }
        // a crash in mid-write leaves half a line: that request is skipped, with a warning
        Files.writeString(journal, "{\"change-type\":0,\"forw", java.nio.file.StandardOpenOption.APPEND);
        List<String> warnings = new ArrayList<>();
        try (RequestBook book = RequestBook.open(new NcrJournal(journal), warnings::add)) {
            assertThat(book.snapshot().adds()).containsExactly(add("a", "192.0.2.1"));
            assertThat(book.snapshot().removes()).containsExactly(remove("b", "192.0.2.2"));
            assertThat(warnings).singleElement().asString().contains("line 3").contains("cut short by a crash");
            book.accept(List.of(add("d", "192.0.2.9")));
        }
        try (RequestBook book = RequestBook.open(new NcrJournal(journal), w -> { })) {
            assertThat(book.snapshot().adds()).containsExactly(add("a", "192.0.2.1"), add("d", "192.0.2.9"));
        }
    }

    @Test
    void settlingDropsDoneRemovesAndFinalFailuresOnly(@TempDir Path dir) throws Exception {
        try (RequestBook book = RequestBook.open(new NcrJournal(dir.resolve("journal")), w -> { })) {
            book.accept(List.of(add("ok", "192.0.2.1"), add("taken", "192.0.2.2"), add("down", "192.0.2.3"),
                    remove("gone", "192.0.2.4"), remove("stuck", "192.0.2.5")));
            RequestBook.Snapshot snapshot = book.snapshot();
            book.accept(List.of(remove("gone", "192.0.2.44"))); // a new request that arrived during the cycle: stays
            DdnsPublisher.Result result = new DdnsPublisher.Result(List.of(
                    outcome("ok", "added"), outcome("taken", "conflict"), outcome("down", "failed"),
                    outcome("gone", "removed"), outcome("stuck", "failed")), 4);
            List<NameChangeRequest> failed = book.settle(snapshot, result);
            assertThat(failed).containsExactly(add("taken", "192.0.2.2"));
            assertThat(book.snapshot().adds()).as("only what is still to do").containsExactly(add("down", "192.0.2.3"));
            assertThat(book.names()).isEqualTo(2);
            assertThat(book.snapshot().removes()).containsExactlyInAnyOrder(remove("stuck", "192.0.2.5"), remove("gone", "192.0.2.44"));
        }
    }

    @Test
    void theJournalIsCompactedWhenItOutgrowsTheState(@TempDir Path dir) throws Exception {
        Path journal = dir.resolve("journal");
        try (RequestBook book = RequestBook.open(new NcrJournal(journal), w -> { })) {
            for (int i = 0; i < 3000; i++) {
                book.accept(List.of(add("renewed", "192.0.2." + (i % 200))));
            }
            assertThat(Files.readAllLines(journal)).hasSize(3000);
            book.settle(book.snapshot(), new DdnsPublisher.Result(List.of(outcome("renewed", "added")), 1));
            assertThat(Files.readAllLines(journal)).hasSize(1);
            assertThat(book.snapshot().adds()).isEmpty();
        }
        try (RequestBook book = RequestBook.open(new NcrJournal(journal), w -> { })) {
            assertThat(book.snapshot().adds()).containsExactly(add("renewed", "192.0.2." + (2999 % 200)));
        }
    }

    private static DdnsPublisher.HostOutcome outcome(String name, String action) {
        return new DdnsPublisher.HostOutcome(name + ".ddns.test.", "192.0.2.1", action, null);
    }
}
