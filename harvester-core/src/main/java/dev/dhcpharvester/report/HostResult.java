package dev.dhcpharvester.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.dhcpharvester.source.Lease;
import java.io.IOException;

/**
 * One candidate host and what became of it.
 *
 * @param name          the name published or considered (null when rejected)
 * @param address       IPv4 address
 * @param mac           hardware address, or empty
 * @param requestedName the name the client or reservation gave, as decoded, or empty
 * @param outcome       what happened to it
 * @param reason        why, for every outcome but {@code published}
 * @param source        file and line of the lease or reservation (written as {@code file:line})
 */
@JsonSerialize(using = HostResult.Json.class)
public record HostResult(String name, String address, String mac, String requestedName, Outcome outcome,
        String reason, Lease.Origin source) {

    /**
     * Written field by field, as the bean writer would write it: a report holds every host (170,000
     * of them), and the generic writer's reflective path took 2-3 µs a host in a one-shot harvest.
     */
    static final class Json extends StdSerializer<HostResult> {

        private static final long serialVersionUID = 1L;

        Json() {
            super(HostResult.class);
        }

        @Override
        public void serialize(HostResult host, JsonGenerator g, SerializerProvider provider) throws IOException {
            g.writeStartObject(host);
            g.writeStringField("name", host.name());
            g.writeStringField("address", host.address());
            g.writeStringField("mac", host.mac());
            g.writeStringField("requestedName", host.requestedName());
            g.writeStringField("outcome", host.outcome() == null ? null : host.outcome().label());
            g.writeStringField("reason", host.reason());
            g.writeStringField("source", host.source() == null ? null : host.source().toString());
            g.writeEndObject();
        }
    }
}
