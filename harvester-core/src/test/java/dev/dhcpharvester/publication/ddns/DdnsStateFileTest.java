package dev.dhcpharvester.publication.ddns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state file and its journal: what a later process reads is what the last one applied and saved. */
class DdnsStateFileTest {

    @TempDir
    Path dir;

    static DdnsPublisher.Published record(String address) {
        return new DdnsPublisher.Published(address, "AAEB", null, null, null);
    }

    static Map<String, DdnsPublisher.Published> changes(Object... nameThenAddressOrNull) {
        Map<String, DdnsPublisher.Published> changes = new LinkedHashMap<>();
        for (int i = 0; i < nameThenAddressOrNull.length; i += 2) {
            String address = (String) nameThenAddressOrNull[i + 1];
            changes.put((String) nameThenAddressOrNull[i], address == null ? null : record(address));
        }
        return changes;
    }

    /** A state file with a.lab. written whole, then b.lab. appended to its journal. */
    static DdnsStateFile journalled(Path file) throws IOException {
        DdnsStateFile state = new DdnsStateFile(file);
        state.read();
        state.apply(changes("a.lab.", "10.0.0.1"));
        state.save();
        state.apply(changes("b.lab.", "10.0.0.2"));
        state.save();
        return state;
    }

    @Test
    void aFewChangesAreAppendedToTheJournalAndAnotherProcessReadsThemBack() throws Exception {
        Path file = dir.resolve("state.json");
        DdnsStateFile state = new DdnsStateFile(file);
        state.read();
        state.apply(changes("a.lab.", "10.0.0.1", "b.lab.", "10.0.0.2"));
        state.save(); // no state file yet: written whole
        byte[] whole = Files.readAllBytes(file);
        assertThat(Files.exists(DdnsStateFile.journalOf(file))).isFalse();

        state.apply(changes("c.lab.", "10.0.0.3", "a.lab.", null, "b.lab.", "10.0.0.9"));
        state.save();
        assertThat(Files.readAllBytes(file)).isEqualTo(whole); // not rewritten
        assertThat(Files.readAllLines(DdnsStateFile.journalOf(file))).hasSize(4); // header and three changes

        assertThat(new DdnsStateFile(file).read()).isEqualTo(new TreeMap<>(changes("b.lab.", "10.0.0.9", "c.lab.", "10.0.0.3")));
    }

    @Test
    void theStateIsWrittenWholeOnceTheJournalHoldsAsManyChangesAsItMayAndTheJournalGoes() throws Exception {
        Path file = dir.resolve("state.json");
        DdnsStateFile state = new DdnsStateFile(file);
        state.read();
        state.apply(changes("first.lab.", "10.0.0.1"));
        state.save();
        for (int i = 0; i < DdnsStateFile.MIN_COMPACTION; i++) {
            state.apply(changes("first.lab.", "10.1." + (i / 250) + "." + (i % 250))); // one name moving about
            state.save();
        }
        assertThat(Files.readAllLines(DdnsStateFile.journalOf(file))).hasSize(DdnsStateFile.MIN_COMPACTION + 1);
        state.apply(changes("one-more.lab.", "10.0.0.2"));
        state.save();
        assertThat(Files.exists(DdnsStateFile.journalOf(file))).isFalse();
        assertThat(new DdnsStateFile(file).read()).isEqualTo(changes("first.lab.", "10.1.3.249", "one-more.lab.", "10.0.0.2"))
                .isEqualTo(state.read());
    }

    @Test
    void aStateFileEditedOrDeletedSinceMakesTheJournalStaleAndTheNextSaveWritesItOver() throws Exception {
        Path file = dir.resolve("state.json");
        DdnsStateFile state = journalled(file);

        Files.writeString(file, "{ }"); // an operator empties it: every name is to be sent again
        DdnsStateFile other = new DdnsStateFile(file);
        assertThat(other.read()).isEmpty();
        assertThat(state.read()).isEmpty(); // the first view sees the edit too
        other.apply(changes("c.lab.", "10.0.0.3"));
        other.save();
        assertThat(new DdnsStateFile(file).read()).containsOnlyKeys("c.lab.");

        Files.delete(file);
        assertThat(new DdnsStateFile(file).read()).isEmpty();
    }

    @Test
    void aLastLineCutShortByACrashIsSkippedAndOneInTheMiddleIsAnError() throws Exception {
        Path file = dir.resolve("state.json");
        journalled(file);
        Path journal = DdnsStateFile.journalOf(file);
        Files.writeString(journal, "{\"name\":\"c.lab.\",\"publ", StandardOpenOption.APPEND);
        assertThat(new DdnsStateFile(file).read()).containsOnlyKeys("a.lab.", "b.lab.");

        Files.writeString(journal, "\n{\"name\":\"d.lab.\",\"published\":null}\n", StandardOpenOption.APPEND);
        assertThatThrownBy(() -> new DdnsStateFile(file).read()).isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot read the dynamic DNS state journal " + journal + " at line 3: ")
                .hasMessageEndingWith("; delete it and state.json to re-send every name (the DHCID checks keep that safe)");
    }

    @Test
    void theProcessSharesAViewOfAFewStateFilesAndForgetsTheLeastRecentlyUsed() {
        DdnsStateFile first = DdnsStateFile.of(dir.resolve("s0.json"));
        assertThat(DdnsStateFile.of(dir.resolve("./s0.json"))).isSameAs(first);
        for (int i = 1; i <= DdnsStateFile.KEPT; i++) {
            DdnsStateFile.of(dir.resolve("s" + i + ".json"));
        }
        assertThat(DdnsStateFile.of(dir.resolve("s0.json"))).as("forgotten, made anew").isNotSameAs(first);
    }

    @Test
    void aStateThatCannotBeWrittenSaysWhichAndKeepsTheChangesForTheNextSave() throws Exception {
        Path gone = Files.createDirectory(dir.resolve("gone"));
        Path file = gone.resolve("state.json");
        DdnsStateFile state = new DdnsStateFile(file);
        state.read();
        state.apply(changes("a.lab.", "10.0.0.1"));
        Files.delete(gone);
        Files.writeString(gone, ""); // where the directory was: not a directory any more
        assertThatThrownBy(state::save).isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot write the dynamic DNS state " + file + ": ")
                .hasMessageEndingWith("; DNS holds what was sent, and the next harvest writes the state again");
        assertThat(state.unsaved()).as("kept for the next save").isTrue();
        assertThatThrownBy(new DdnsStateFile(file)::read).isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot read the dynamic DNS state " + file + ": ");
        assertThatThrownBy(() -> new DdnsStateFile(dir.resolve("other.json")).apply(changes("b.lab.", "10.0.0.2")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aJournalThatIsNotOursIsIgnored() throws Exception {
        Path file = dir.resolve("state.json");
        Files.writeString(file, "{\"a.lab.\":{\"address\":\"10.0.0.1\",\"dhcid\":\"AAEB\"}}");
        Files.writeString(DdnsStateFile.journalOf(file), "not json\n{\"name\":\"a.lab.\",\"published\":null}\n",
                StandardCharsets.UTF_8);
        assertThat(new DdnsStateFile(file).read()).containsOnlyKeys("a.lab.");
    }

    @Test
    void randomChangesSavesAndRestartsAlwaysReadBackWhatWasSaved() throws Exception {
        Random random = new Random(7);
        for (int round = 0; round < 6; round++) {
            Path file = dir.resolve("state-" + round + ".json");
            DdnsStateFile state = new DdnsStateFile(file);
            state.read();
            Map<String, DdnsPublisher.Published> saved = new HashMap<>();
            Map<String, DdnsPublisher.Published> model = new HashMap<>();
            for (int step = 0; step < 300; step++) {
                int what = random.nextInt(10);
                if (what < 7) {
                    Map<String, DdnsPublisher.Published> changes = new LinkedHashMap<>();
                    for (int i = random.nextInt(1 + random.nextInt(600)); i >= 0; i--) {
                        String name = "h" + random.nextInt(3000) + ".lab.";
                        changes.put(name, random.nextInt(4) == 0 ? null : record("10.0." + random.nextInt(9) + ".1"));
                    }
                    state.apply(changes);
                    changes.forEach((n, p) -> {
                        if (p == null) {
                            model.remove(n);
                        } else {
                            model.put(n, p);
                        }
                    });
                } else if (what < 9) {
                    state.save();
                    saved.clear();
                    saved.putAll(model);
                } else {
                    state = new DdnsStateFile(file); // a restart: unsaved changes are lost
                    assertThat(state.read()).isEqualTo(saved);
                    model.clear();
                    model.putAll(saved);
                }
                assertThat(state.read()).isEqualTo(model);
            }
            state.save();
            assertThat(new DdnsStateFile(file).read()).isEqualTo(model);
            assertThat(List.of(Files.exists(file))).containsExactly(true);
        }
    }
}
