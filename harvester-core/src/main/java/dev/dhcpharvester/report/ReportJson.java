package dev.dhcpharvester.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Path;

/** The report as JSON, written atomically. */
public final class ReportJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private ReportJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] toBytes(HarvestReport report) {
        try {
            return MAPPER.writeValueAsBytes(report);
        } catch (IOException e) {
            throw new IllegalStateException("a report always serialises", e);
        }
    }

    public static void write(HarvestReport report, Path file) throws IOException {
        dev.dhcpharvester.publication.AtomicFiles.replace(file, toBytes(report));
    }
}
