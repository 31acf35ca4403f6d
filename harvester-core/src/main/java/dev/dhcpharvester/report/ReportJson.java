package dev.dhcpharvester.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.dhcpharvester.publication.AtomicFiles;
import dev.dhcpharvester.publication.IncludeResult;
import dev.dhcpharvester.publication.ddns.DdnsPublisher;
import dev.dhcpharvester.source.Lease;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** The report as JSON, written atomically. */
public final class ReportJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .defaultPrettyPrinter(new OneLineElements())
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
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

    /**
     * Makes the report's writers on a background thread (loading and linking Jackson and the
     * report's classes), so that a one-shot harvest does it while it reads its leases rather than
     * after them: it took 0.25 s of the end of a 6-lease harvest with a report.
     */
    public static void prepareInBackground() {
        Thread prepare = new Thread(() -> {
            try {
                MAPPER.writeValue(OutputStream.nullOutputStream(), SAMPLE);
            } catch (IOException | RuntimeException ignored) {
                // only a head start: the real report is written, and fails loudly, later
            }
        }, "report-writer");
        prepare.setDaemon(true);
        prepare.start();
    }

    /** A report with every part a report can have, each once. */
    private static final HarvestReport SAMPLE = new HarvestReport(HarvestReport.SCHEMA_VERSION,
            HarvestReport.Status.FAILED, 1, new HarvestReport.Failure("dns", "m"), "s", Instant.EPOCH, Instant.EPOCH,
            Instant.EPOCH, List.of(new HarvestReport.Source("p", "leases", "isc", 1, true, null)),
            new HarvestReport.Counts(1, 1, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0),
            new HarvestReport.Verification("tcp", 1, 0, 1, 1, 1, 0),
            new IncludeResult("d", 1, 0, true, List.of(new IncludeResult.Reverse("z", "f", 1, true,
                    new IncludeResult.Serial("f", 1, 2))), new IncludeResult.Serial("f", 1, 2),
                    new IncludeResult.Reload("rndc reload", true, "")),
            new DdnsPublisher.Result(List.of(new DdnsPublisher.HostOutcome("h.z.", "192.0.2.1", "added", null)), 1),
            List.of(new HostResult("h", "192.0.2.1", "", "h", Outcome.PUBLISHED, null, new Lease.Origin("f", 1))),
            List.of("m"));

    /** Writes the report to {@code file} atomically, streamed (170,000 hosts make 25 MB). */
    public static void write(HarvestReport report, Path file) throws IOException {
        AtomicFiles.replace(file, out -> MAPPER.writeValue(out, report));
    }

    /**
     * Indented JSON with each element of an array on a line of its own, and an object inside an
     * array (a host, a source, a DNS outcome) written on that one line: a report of 170,000 hosts is
     * 170,000 lines (each found whole by grep) rather than 1.5 million, and 40% smaller.
     */
    static final class OneLineElements extends DefaultPrettyPrinter {

        private static final long serialVersionUID = 1L;

        /** Nesting of the objects whose entries are written inline: inside the top object's arrays. */
        private static final int INLINE_FROM = 3;

        OneLineElements() {
            indentArraysWith(new DefaultIndenter("  ", "\n"));
            indentObjectsWith(new DefaultIndenter("  ", "\n"));
        }

        private OneLineElements(OneLineElements base) {
            super(base);
        }

        @Override
        public DefaultPrettyPrinter createInstance() {
            return new OneLineElements(this);
        }

        @Override
        public void beforeObjectEntries(JsonGenerator g) throws IOException {
            if (_nesting >= INLINE_FROM) {
                g.writeRaw(' ');
            } else {
                super.beforeObjectEntries(g);
            }
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            if (_nesting >= INLINE_FROM) {
                g.writeRaw(", ");
            } else {
                super.writeObjectEntrySeparator(g);
            }
        }

        @Override
        public void writeEndObject(JsonGenerator g, int entries) throws IOException {
            if (_nesting >= INLINE_FROM) {
                _nesting--;
                g.writeRaw(" }");
            } else {
                super.writeEndObject(g, entries);
            }
        }
    }
}
