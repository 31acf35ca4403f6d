package dev.dhcpharvester.ncr;

import dev.dhcpharvester.publication.ddns.DdnsPublisher;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The desired state that the requests add up to, journalled: for each name, the latest request
 * about it. An add stays while its name is to be published (it is the desired state, re-checked
 * every cycle at no cost in UPDATEs); a remove stays until a cycle has carried it out. A later
 * request for a name replaces the earlier one, so a burst of renewals costs one update.
 *
 * <p>Thread-safe: the listener {@link #accept accepts} while a cycle works on a {@link #snapshot}.
 */
final class RequestBook implements AutoCloseable {

    /**
     * What a cycle works on, at one moment: the adds not yet carried out (new, or failed before:
     * the names already published need no look), the removes not yet carried out, and how many
     * requests the book had accepted.
     */
    record Snapshot(List<NameChangeRequest> adds, List<NameChangeRequest> removes, long accepted) {
    }

    /** Outcomes after which a request is done with, though its name is not published: D2 gives up on these too. */
    private static final Set<String> FINAL_FAILURES = Set.of("conflict", "no-zone");

    private final NcrJournal journal;
    private final Map<String, NameChangeRequest> adds = new LinkedHashMap<>();
    private final Map<String, NameChangeRequest> removes = new LinkedHashMap<>();
    /** Names whose add has not yet been through a cycle that succeeded for it; only these go to the publisher. */
    private final java.util.Set<String> unsettledAdds = new java.util.LinkedHashSet<>();
    private long accepted;

    private RequestBook(NcrJournal journal) {
        this.journal = journal;
    }

    /** The book the journal holds (none: an empty one). */
    static RequestBook open(NcrJournal journal, Consumer<String> warnings) throws IOException {
        RequestBook book = new RequestBook(journal);
        for (NameChangeRequest request : journal.load(warnings)) {
            book.fold(request);
        }
        return book;
    }

    /** Journals the requests, then adds them to the desired state; {@link #snapshot} forces them to disk. */
    synchronized void accept(List<NameChangeRequest> requests) throws IOException {
        try {
            journal.append(requests);
        } finally {
            // Not journalled (a full disk): still carried out, only not safe from a crash.
            requests.forEach(this::fold);
            accepted += requests.size();
        }
    }

    synchronized Snapshot snapshot() throws IOException {
        journal.force(); // on disk before anything acts on them
        List<NameChangeRequest> changed = new ArrayList<>(unsettledAdds.size());
        for (String key : unsettledAdds) {
            changed.add(adds.get(key));
        }
        return new Snapshot(changed, List.copyOf(removes.values()), accepted);
    }

    /** Requests accepted since the book was opened. */
    synchronized long accepted() {
        return accepted;
    }

    /** Names to publish. */
    synchronized int names() {
        return adds.size();
    }

    /**
     * After a cycle: removes carried out are dropped, a remove that failed stays to be tried
     * again; adds that ended in a conflict or found no zone are dropped (D2 gives up on these
     * too), other adds stay as the desired state, to be looked at again only if their update failed. The journal is compacted once it has grown to
     * twice what it must hold. Returns the requests dropped as failures.
     */
    synchronized List<NameChangeRequest> settle(Snapshot done, DdnsPublisher.Result result) throws IOException {
        Map<String, String> outcomes = new HashMap<>();
        for (DdnsPublisher.HostOutcome outcome : result.outcomes()) {
            outcomes.put(key(outcome.fqdn()), outcome.action());
        }
        for (NameChangeRequest remove : done.removes()) {
            if (!"failed".equals(outcomes.get(remove.key()))) {
                removes.remove(remove.key(), remove);
            }
        }
        List<NameChangeRequest> failed = new ArrayList<>();
        for (NameChangeRequest add : done.adds()) {
            if (adds.get(add.key()) != add) {
                continue; // replaced or removed by a later request meanwhile, which is still to do
            }
            String outcome = outcomes.get(add.key());
            if (FINAL_FAILURES.contains(outcome)) {
                adds.remove(add.key());
                failed.add(add);
            }
            if (!"failed".equals(outcome)) {
                unsettledAdds.remove(add.key());
            }
        }
        if (journal.lines() > 2L * (adds.size() + removes.size()) + 1000) {
            List<NameChangeRequest> live = new ArrayList<>(adds.values());
            live.addAll(removes.values());
            journal.rewrite(live);
        }
        return failed;
    }

    private void fold(NameChangeRequest request) {
        if (request.type() == NameChangeRequest.Type.ADD) {
            removes.remove(request.key());
            adds.remove(request.key()); // re-inserted last: the order of arrival
            adds.put(request.key(), request);
            unsettledAdds.remove(request.key());
            unsettledAdds.add(request.key());
        } else {
            adds.remove(request.key());
            unsettledAdds.remove(request.key());
            removes.remove(request.key());
            removes.put(request.key(), request);
        }
    }

    private static String key(String fqdn) {
        String lower = fqdn.toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".") ? lower : lower + ".";
    }

    @Override
    public synchronized void close() throws IOException {
        journal.close();
    }
}
