package dev.dhcpharvester.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"500ms,500", "1s,1000", "5m,300000", "1h,3600000", "1d,86400000", "30,30000", "1.5s,1500"})
    void readsTheUnitsOperatorsWrite(String text, long millis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "1w", "-1s", "1 s s", "fast"})
    void rejectsAnythingElseWithAHint(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).hasMessageContaining("write e.g. 500ms, 1s, 5m");
    }
}
