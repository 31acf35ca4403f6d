package dev.dhcpharvester.harvest;

import dev.dhcpharvester.naming.Candidate;
import dev.dhcpharvester.naming.DuplicateNames;
import dev.dhcpharvester.naming.Naming;
import dev.dhcpharvester.publication.IncludePublisher;
import dev.dhcpharvester.publication.IncludeResult;
import dev.dhcpharvester.publication.PublicationException;
import dev.dhcpharvester.publication.PublishedHost;
import dev.dhcpharvester.publication.ddns.DdnsPublisher;
import dev.dhcpharvester.report.HarvestReport;
import dev.dhcpharvester.report.HostResult;
import dev.dhcpharvester.report.Outcome;
import dev.dhcpharvester.selection.LeaseFileFollower;
import dev.dhcpharvester.selection.LeaseSelector;
import dev.dhcpharvester.selection.Selection;
import dev.dhcpharvester.source.DnsmasqLeaseParser;
import dev.dhcpharvester.source.IscLeaseParser;
import dev.dhcpharvester.source.KeaApiLeaseSource;
import dev.dhcpharvester.source.KeaCsvLeaseParser;
import dev.dhcpharvester.source.Lease;
import dev.dhcpharvester.source.LeaseFormat;
import dev.dhcpharvester.source.Addresses;
import dev.dhcpharvester.source.LeaseFileException;
import dev.dhcpharvester.util.InParallel;
import dev.dhcpharvester.source.ReservationParser;
import dev.dhcpharvester.verification.ProbeException;
import dev.dhcpharvester.verification.ProbeMemory;
import dev.dhcpharvester.verification.Prober;
import dev.dhcpharvester.verification.Verifier;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One harvest: lease source, selection, naming, verification, publication, report. Every outcome,
 * failures included, is a {@link HarvestReport}; a failure publishes nothing that was not already
 * published, and its report says why in one line with the exit code to use.
 */
public final class Harvester {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_BAD_INPUT = 2;

    /** Threads that read a large lease file, each a part of it. */
    private static final int READ_THREADS = Math.min(4, Runtime.getRuntime().availableProcessors());

    /** How often a long probe says it is still at work. */
    private static final long PROBE_PROGRESS_SECONDS = 10;

    private final Clock clock;
    private final OutputStream stdout;
    private final HarvestListener listener;
    private final List<LeaseFileFollower> followers;
    private final ProbeMemory probeMemory;
    /** Watch mode's state for a followed file harvested alone into a fragment (see {@link #incremental}). */
    private final Map<LeaseFileFollower, IncrementalHarvest> incrementals = new HashMap<>();

    /** {@code stdout} receives the fragment when publication prints it ({@code -d -}). */
    public Harvester(Clock clock, OutputStream stdout) {
        this(clock, stdout, HarvestListener.NONE);
    }

    /** A harvester that tells {@code listener} how each stage went. */
    public Harvester(Clock clock, OutputStream stdout, HarvestListener listener) {
        this(clock, stdout, listener, null);
    }

    /**
     * A harvester for watch mode: the ISC lease file is read through {@code follower}, which reads
     * only what dhcpd appended since the last harvest.
     */
    public Harvester(Clock clock, OutputStream stdout, HarvestListener listener, LeaseFileFollower follower) {
        this(clock, stdout, listener, follower, null);
    }

    /**
     * As above, and with {@code probeMemory}, hosts whose lease is unchanged since their last
     * probe keep its answer (see {@link ProbeMemory}): a cycle probes only what changed.
     */
    public Harvester(Clock clock, OutputStream stdout, HarvestListener listener, LeaseFileFollower follower,
            ProbeMemory probeMemory) {
        this(clock, stdout, listener, follower == null ? List.of() : List.of(follower), probeMemory);
    }

    /**
     * A harvester for watch mode over several lease files: each file with a follower among
     * {@code followers} is read through it (only what was appended); other sources are read whole.
     */
    public Harvester(Clock clock, OutputStream stdout, HarvestListener listener, List<LeaseFileFollower> followers,
            ProbeMemory probeMemory) {
        this.clock = clock;
        this.stdout = stdout;
        this.listener = listener;
        this.followers = List.copyOf(followers);
        this.probeMemory = probeMemory;
    }

    /**
     * Which hosts a harvest's report lists. Every host, for the report file, the daemon's API and
     * metrics, and Jenkins; a one-shot harvest that writes no report needs only its counts, and
     * leaves out the published hosts, of which a large site has 500,000 (their report entries were
     * a tenth of the harvest's time and a fifth of its heap).
     */
    public enum Listing {
        EVERY_HOST, NOT_PUBLISHED
    }

    /** A harvest whose report lists every host. */
    public HarvestReport run(HarvestConfig config) {
        return run(config, Listing.EVERY_HOST);
    }

    /** A harvest whose report lists the hosts {@code listing} says (its counts are always of every host). */
    @SuppressWarnings("try") // the lock is held for the try block's length, not used in it
    public HarvestReport run(HarvestConfig config, Listing listing) {
        Instant startedAt = clock.instant();
        Instant asOf = config.asOf() != null ? config.asOf() : startedAt;
        Run run = new Run(config, asOf, startedAt, listing);
        Path target = lockTarget(config);
        try (HarvestLock lock = target == null ? null : HarvestLock.acquire(HarvestLock.fileFor(target),
                () -> listener.progress("waiting for another harvest into " + target + " to finish"))) {
            return run.execute();
        } catch (LeaseFileException e) {
            return run.failed(EXIT_BAD_INPUT, "bad-input", e.getMessage() + "; nothing published");
        } catch (NoSuchFileException e) {
            return run.failed(EXIT_BAD_INPUT, "bad-input", describe(e) + " (nothing published)");
        } catch (PublicationException e) {
            return run.failed(EXIT_FAILURE, "dns", e.getMessage());
        } catch (IllegalArgumentException e) {
            return run.failed(EXIT_BAD_INPUT, "bad-input", e.getMessage() + "; nothing published");
        } catch (ProbeException e) {
            return run.failed(EXIT_FAILURE, "harvest", "cannot verify hosts: " + e.getMessage() + "; nothing published");
        } catch (IOException e) {
            return run.failed(EXIT_FAILURE, "harvest", e.getMessage() + "; nothing published");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return run.failed(EXIT_FAILURE, "harvest", "interrupted; nothing published");
        } catch (OutOfMemoryError e) {
            // what the harvest held is unreachable now, and publication is atomic: nothing was half-written
            return run.failed(EXIT_FAILURE, "harvest", "out of memory: the Java heap (" + Runtime.getRuntime().maxMemory()
                    / (1 << 20) + " MB) is too small for this many hosts; nothing published. Give it about 1 KB per host"
                    + " in force, e.g. JAVA_OPTS=-Xmx1g");
        }
    }

    /** What two harvests must not publish into at once: the fragment, or the dynamic mode's state. */
    private static Path lockTarget(HarvestConfig config) {
        Path target = config.ddns() != null ? config.ddns().stateFile() : config.include().dest();
        if (target == null || target.toAbsolutePath().getParent() == null
                || !Files.isDirectory(target.toAbsolutePath().getParent())) {
            return null; // printed to standard output, or a directory that is not there: publication will say so
        }
        return target;
    }

    /** The state of one harvest as it goes through the stages. */
    private final class Run {
        private final HarvestConfig config;
        private final Instant asOf;
        private final Instant startedAt;
        private final Listing listing;
        private final List<String> messages = new ArrayList<>();
        private final List<HarvestReport.Source> sources = new ArrayList<>();

        Run(HarvestConfig config, Instant asOf, Instant startedAt, Listing listing) {
            this.config = config;
            this.asOf = asOf;
            this.startedAt = startedAt;
            this.listing = listing;
        }

        HarvestReport execute() throws IOException, LeaseFileException, PublicationException, InterruptedException {
            LeaseFileFollower incremental = incremental(config);
            if (incremental != null) {
                return executeIncrementally(incremental);
            }
            List<SourceRead> reads = new ArrayList<>();
            for (LeaseSource source : config.sources()) {
                reads.add(read(source));
            }
            List<SourceRead> failed = reads.stream().filter(r -> r.failure() != null).toList();
            if (failed.size() == reads.size()) {
                // nothing was read: fail as a harvest of one source does
                if (failed.get(0).failure() instanceof LeaseFileException bad) {
                    throw bad;
                }
                throw (IOException) failed.get(0).failure();
            }

            ReservationParser.Result reservations = readReservations();
            Map<String, String> sourceOf = new HashMap<>(); // address -> source label, for several sources
            Path published = lockTarget(config);
            SourceMemory memory = reads.size() == 1 || published == null ? null : SourceMemory.beside(published);
            Map<String, List<SourceMemory.Host>> remembered = memory == null ? Map.of() : memory.read();
            List<SourceMemory.Host> kept = kept(failed, memory, remembered);
            Decided decided = decide(selectAndRelease(reads, reservations.reservations(), sourceOf), kept, memory,
                    memory != null || config.ddns() != null);
            List<HostResult> results = decided.results();
            List<PublishedHost> publish = decided.publish();
            List<Candidate> publishing = decided.publishing();
            HarvestReport.Verification verification = decided.verification();
            Tally tally = decided.tally();

            IncludeResult dns = null;
            DdnsPublisher.Result ddns = null;
            if (config.ddns() == null) {
                kept.forEach(h -> publish.add(new PublishedHost(h.name(), h.address(), h.mac())));
                listener.progress("publishing " + publish.size() + " hosts to "
                        + (config.include().dest() == null ? "standard output" : config.include().dest()));
                dns = new IncludePublisher(config.include(), clock, stdout).publish(publish);
            } else {
                String origin = config.ddns().forwardZones().get(0).replaceAll("\\.$", "");
                Set<String> keep = new HashSet<>();
                kept.forEach(h -> keep.add(h.name() + "." + origin));
                listener.progress("updating " + publishing.size() + " names in " + config.ddns().forwardZones()
                        + (config.ddns().dryRun() ? " (dry run)" : ""));
                ddns = DynamicDns.publish(config.ddns(), publishing, keep);
            }
            if (memory != null && (ddns == null || !config.ddns().dryRun())) {
                memory.save(lastPublished(reads, publishing, sourceOf, remembered));
            }
            results = Addresses.sortedByAddress(results, HostResult::address);
            Map<Outcome, Integer> byOutcome = byOutcome(results, decided.unlisted());
            HarvestReport.Counts counts = counts(tally.leasesRead(), tally.addresses(), tally.activeLeases(),
                    tally.reservations(), tally.inForce(), byOutcome);
            String summary = dns != null ? Summaries.ok(counts, dns, config.include().zone()) : Summaries.ok(counts, ddns);
            if (ddns != null && ddns.count("failed") > 0) {
                return namesFailed(ddns, counts, verification, results);
            }
            if (!failed.isEmpty()) {
                SourceRead first = failed.get(0);
                String message = failed.size() + " of " + reads.size() + " lease sources could not be read, first "
                        + describe(first.failure()) + "; the others were published and " + kept.size()
                        + " hosts of the failed kept as last published (" + summary.replaceFirst("^harvest ok: ", "") + ")";
                int exit = first.failure() instanceof LeaseFileException || first.failure() instanceof NoSuchFileException
                        ? EXIT_BAD_INPUT : EXIT_FAILURE;
                return new HarvestReport(HarvestReport.SCHEMA_VERSION, HarvestReport.Status.FAILED, exit,
                        new HarvestReport.Failure("source", message), "harvest failed: " + message, asOf, startedAt,
                        clock.instant(), List.copyOf(sources), counts, verification, dns, ddns, List.copyOf(results),
                        List.copyOf(messages));
            }
            return new HarvestReport(HarvestReport.SCHEMA_VERSION, HarvestReport.Status.OK, EXIT_OK, null, summary,
                    asOf, startedAt, clock.instant(), List.copyOf(sources), counts, verification, dns, ddns,
                    List.copyOf(results), List.copyOf(messages));
        }

        /**
         * A harvest of one followed lease file into a fragment, through what the last harvest of it
         * kept ({@link IncrementalHarvest}): only the changed hosts are decided again.
         */
        private HarvestReport executeIncrementally(LeaseFileFollower follower)
                throws IOException, LeaseFileException, PublicationException, InterruptedException {
            read(config.sources().get(0));
            ReservationParser.Result reservations = readReservations();
            IncrementalHarvest state = incrementals.computeIfAbsent(follower, IncrementalHarvest::new);
            long probeStart = System.nanoTime();
            IncrementalHarvest.Probe probe = config.verify() == null ? null : probe(Verifier.forOptions(config.verify()));
            IncrementalHarvest.Cycle cycle = state.advance(config, reservations.reservations(), asOf, probe, startedAt);
            listener.progress(cycle.inForce() + " hosts in force, " + cycle.changed() + " addresses to decide again"
                    + (probe == null ? "" : ", " + cycle.probed() + " hosts probed"));
            HarvestReport.Counts counts = counts(cycle.leasesRead(), cycle.addresses(), cycle.activeLeases(),
                    reservations.reservations().size(), cycle.inForce(), cycle.outcomes());
            HarvestReport.Verification verification = probe == null ? null : verification(probe, cycle, counts,
                    millisSince(probeStart));
            if (config.ddns() != null) {
                listener.progress("updating the changed names of " + cycle.fragment().size() + " in "
                        + config.ddns().forwardZones() + (config.ddns().dryRun() ? " (dry run)" : ""));
                DdnsPublisher.Result ddns = state.publish(config.ddns());
                if (ddns.count("failed") > 0) {
                    return namesFailed(ddns, counts, verification, cycle.hosts());
                }
                return new HarvestReport(HarvestReport.SCHEMA_VERSION, HarvestReport.Status.OK, EXIT_OK, null,
                        Summaries.ok(counts, ddns), asOf, startedAt, clock.instant(), List.copyOf(sources), counts,
                        verification, null, ddns, cycle.hosts(), List.copyOf(messages));
            }
            listener.progress("publishing " + cycle.fragment().size() + " hosts to " + config.include().dest());
            IncludeResult dns = state.publish(new IncludePublisher(config.include(), clock, stdout));
            return new HarvestReport(HarvestReport.SCHEMA_VERSION, HarvestReport.Status.OK, EXIT_OK, null,
                    Summaries.ok(counts, dns, config.include().zone()), asOf, startedAt, clock.instant(),
                    List.copyOf(sources), counts, verification, dns, null, cycle.hosts(), List.copyOf(messages));
        }

        /** Verification as a harvest through the kept state runs it: the prober, its answers kept for one -r period. */
        private IncrementalHarvest.Probe probe(Prober prober) {
            return new IncrementalHarvest.Probe() {
                @Override
                public Set<String> reachable(List<String> addresses) throws IOException, InterruptedException {
                    listener.progress("probing " + addresses.size() + " hosts with " + prober.description() + ", timeout "
                            + config.verify().timeout().toMillis() + " ms, " + config.verify().retries() + " retries");
                    return Harvester.Run.this.probe(prober, addresses);
                }

                @Override
                public String description() {
                    return prober.description();
                }

                @Override
                public ProbeMemory memory() {
                    return probeMemory;
                }
            };
        }

        /** The verification account of a harvest through the kept state: the hosts with a probe answer, probed now or earlier. */
        private HarvestReport.Verification verification(IncrementalHarvest.Probe probe, IncrementalHarvest.Cycle cycle,
                HarvestReport.Counts counts, long millis) {
            int answered = counts.published() + counts.duplicate();
            int checked = answered + counts.unreachable();
            return new HarvestReport.Verification(probe.description(), config.verify().timeout().toMillis(),
                    config.verify().retries(), cycle.probed(), answered, millis, checked - cycle.probed());
        }

        /** The report of a harvest some of whose names DNS did not take (they are tried again next harvest). */
        private HarvestReport namesFailed(DdnsPublisher.Result ddns, HarvestReport.Counts counts,
                HarvestReport.Verification verification, List<HostResult> results) {
            String first = ddns.outcomes().stream().filter(o -> o.action().equals("failed")).findFirst()
                    .map(o -> o.fqdn() + ": " + o.detail()).orElse("");
            String message = ddns.count("failed") + " names not updated, first " + first;
            return new HarvestReport(HarvestReport.SCHEMA_VERSION, HarvestReport.Status.FAILED, EXIT_FAILURE,
                    new HarvestReport.Failure("dns", message), "harvest failed: " + message, asOf, startedAt,
                    clock.instant(), List.copyOf(sources), counts, verification, null, ddns, List.copyOf(results),
                    List.copyOf(messages));
        }

        /** The reservations file's hosts (none without one), recording it as a source. */
        private ReservationParser.Result readReservations() throws IOException, LeaseFileException {
            ReservationParser.Result reservations = config.reservations() == null
                    ? new ReservationParser.Result(List.of(), List.of())
                    : ReservationParser.parse(config.reservations());
            messages.addAll(reservations.warnings());
            if (config.reservations() != null) {
                sources.add(new HarvestReport.Source(config.reservations().toString(), "reservations", "isc",
                        reservations.reservations().size(), Files.exists(config.reservations())));
            }
            return reservations;
        }

        /**
         * The hosts decided: the report's results, the records to publish, the candidates published
         * (only when {@code keepCandidates}: dynamic DNS sends them, the source memory records them;
         * they hold the leases, which a fragment alone need not keep while it is made), the account
         * of verification, the selection's counts (its leases let go), and the number of hosts of
         * each outcome (by ordinal) that the results leave out ({@link Listing#NOT_PUBLISHED}).
         */
        private record Decided(List<HostResult> results, List<PublishedHost> publish, List<Candidate> publishing,
                HarvestReport.Verification verification, Tally tally, int[] unlisted) {
        }

        /** A selection's counts, for the report. */
        private record Tally(int leasesRead, int addresses, int activeLeases, int reservations, int inForce) {
        }

        private Decided decide(Selection selection, List<SourceMemory.Host> kept, SourceMemory memory, boolean keepCandidates)
                throws IOException, InterruptedException {
            String zone = config.ddns() != null ? config.ddns().forwardZones().get(0) : config.include().zone();
            Naming.Result named = new Naming(config.names(), zone, config.ddns() != null).apply(selection.inForce());
            List<HostResult> results = new ArrayList<>(named.setAside());

            List<Candidate> reachable = named.candidates();
            listener.progress(selection.inForce().size() + " hosts in force, " + reachable.size() + " with a name to publish, "
                    + named.setAside().size() + " set aside (filtered or rejected)");
            HarvestReport.Verification verification = null;
            if (config.verify() != null && !reachable.isEmpty()) {
                Verified verified = verify(reachable, results);
                verification = verified.verification();
                reachable = verified.answered();
            }

            DuplicateNames.Result unique = config.ddns() == null ? DuplicateNames.resolveDualStack(reachable)
                    : DuplicateNames.resolve(reachable);
            results.addAll(unique.duplicates());
            List<Candidate> publishing = new ArrayList<>(unique.unique().size());
            Set<String> keptNames = new HashSet<>();
            for (SourceMemory.Host host : kept) {
                keptNames.add(DuplicateNames.nameKey(host.name(), host.address(), config.ddns() == null));
                results.add(new HostResult(host.name(), host.address(), host.mac(), host.name(), Outcome.KEPT,
                        "kept as last published: its lease source could not be read",
                        Lease.Origin.describing("kept from " + memory.file())));
            }
            for (Candidate c : unique.unique()) {
                if (!keptNames.isEmpty() && keptNames.contains(DuplicateNames.nameKey(c, config.ddns() == null))) {
                    results.add(c.result(Outcome.DUPLICATE, "name '" + c.name() + "' is kept for a host of a lease source"
                            + " that could not be read"));
                } else {
                    publishing.add(c);
                }
            }
            List<PublishedHost> publish = new ArrayList<>(publishing.size() + kept.size());
            int[] unlisted = new int[Outcome.values().length];
            if (listing == Listing.EVERY_HOST) {
                List<HostResult> published = InParallel.map(publishing, Candidate::published);
                results.addAll(published);
                // from the results, so that the two share each host's strings (the lease makes them anew when asked)
                published.forEach(r -> publish.add(new PublishedHost(r.name(), r.address(), r.mac())));
            } else {
                for (Candidate c : publishing) { // the records read their address and MAC from the lease
                    publish.add(PublishedHost.ofLease(c.name(), c.lease()));
                    unlisted[(c.renameReason() == null ? Outcome.PUBLISHED : Outcome.RENAMED).ordinal()]++;
                }
            }
            Tally tally = new Tally(selection.leasesRead(), selection.addresses(), selection.activeLeases(),
                    selection.reservations(), selection.inForce().size());
            return new Decided(results, publish, keepCandidates ? publishing : List.of(), verification, tally, unlisted);
        }

        /**
         * {@link #select}, then the one-shot reads' selectors let go: their tables hold every address
         * read (a million for a large dnsmasq file), which naming need not keep.
         */
        private Selection selectAndRelease(List<SourceRead> reads, List<Lease> reservations, Map<String, String> sourceOf) {
            Selection selection = select(reads, reservations, sourceOf);
            reads.replaceAll(r -> r.followed() ? r : new SourceRead(r.source(), null, false, r.failure()));
            return selection;
        }

        /** The leases in force of every source read, with the reservations; {@code sourceOf} learns each address's source. */
        private Selection select(List<SourceRead> reads, List<Lease> reservations, Map<String, String> sourceOf) {
            if (reads.size() == 1) {
                SourceRead only = reads.get(0);
                return only.followed() ? only.selector().selectAt(asOf, reservations) : only.selector().select(reservations);
            }
            List<Selection> parts = new ArrayList<>();
            for (SourceRead r : reads) {
                if (r.failure() == null) {
                    Selection part = r.followed() ? r.selector().selectAt(asOf, List.of()) : r.selector().select(List.of());
                    part.inForce().forEach(lease -> sourceOf.put(lease.address(), r.source().label()));
                    parts.add(part);
                }
            }
            return Selection.combine(parts, reservations);
        }

        /** The hosts of the sources that could not be read, as last published (none without a record of them). */
        private List<SourceMemory.Host> kept(List<SourceRead> failed, SourceMemory memory,
                Map<String, List<SourceMemory.Host>> remembered) {
            List<SourceMemory.Host> kept = new ArrayList<>();
            for (SourceRead r : failed) {
                List<SourceMemory.Host> hosts = remembered.getOrDefault(r.source().label(), List.of());
                kept.addAll(hosts);
                messages.add("lease source " + r.source().label() + " could not be read: " + describe(r.failure())
                        + (memory == null ? "; its hosts are not published (no record of them: publishing to standard output)"
                        : "; its " + hosts.size() + " hosts are kept as last published"));
            }
            return kept;
        }

        /** What verification left: the hosts that answered, and the account of it. */
        private record Verified(List<Candidate> answered, HarvestReport.Verification verification) {
        }

        /** Probes the candidates (or recalls unchanged hosts' answers); the silent ones go to {@code results}. */
        private Verified verify(List<Candidate> reachable, List<HostResult> results) throws IOException, InterruptedException {
            long probeStart = System.nanoTime();
            Prober prober = Verifier.forOptions(config.verify());
            List<Lease> candidates = reachable.stream().map(Candidate::lease).toList();
            Map<String, Boolean> known = probeMemory == null ? Map.of() : probeMemory.recall(candidates, startedAt);
            List<Lease> toProbe = candidates.stream().filter(l -> !known.containsKey(l.address())).toList();
            Set<String> alive = Set.of();
            if (!toProbe.isEmpty()) {
                listener.progress("probing " + toProbe.size() + " hosts with " + prober.description() + ", timeout "
                        + config.verify().timeout().toMillis() + " ms, " + config.verify().retries() + " retries"
                        + (known.isEmpty() ? "" : " (" + known.size() + " unchanged hosts' answers remembered)"));
                alive = probe(prober, toProbe.stream().map(Lease::address).toList());
            }
            if (probeMemory != null) {
                probeMemory.remember(toProbe, alive, candidates.stream().map(Lease::address)
                        .collect(Collectors.toSet()), startedAt);
            }
            List<Candidate> answered = new ArrayList<>();
            for (Candidate c : reachable) {
                String address = c.lease().address();
                if (known.containsKey(address) ? known.get(address) : alive.contains(address)) {
                    answered.add(c);
                } else {
                    results.add(c.result(Outcome.UNREACHABLE, "did not answer " + prober.description()));
                }
            }
            HarvestReport.Verification verification = new HarvestReport.Verification(prober.description(),
                    config.verify().timeout().toMillis(), config.verify().retries(), toProbe.size(),
                    answered.size(), millisSince(probeStart), known.size());
            listener.progress(answered.size() + " of " + reachable.size() + " hosts answered"
                    + (known.isEmpty() ? "" : " (" + toProbe.size() + " probed)") + " in " + millisSince(probeStart) + " ms");
            return new Verified(answered, verification);
        }

        /**
         * Reads one source. With several sources, a source that cannot be read is recorded as failed
         * and the harvest goes on with the others; with one, its failure is the harvest's.
         */
        private SourceRead read(LeaseSource source) throws IOException, LeaseFileException, InterruptedException {
            try {
                if (source.keaApi() == null && Files.exists(source.file()) && !Files.isReadable(source.file())) {
                    throw new LeaseFileException(source.file(), 0, "not readable by this user; check its permissions");
                }
                long t0 = System.nanoTime();
                LeaseFileFollower follower = source.keaApi() == null ? followerOf(source.file()) : null;
                boolean followed = follower != null;
                LeaseSelector selector = followed ? readFollowed(follower, source) : readLeases(source);
                HarvestReport.Source read = sources.get(sources.size() - 1);
                listener.progress((followed && follower.lastRead() != LeaseFileFollower.Read.WHOLE
                        ? follower.bytesRead() + " bytes appended, " : "read ") + read.entries() + " " + read.format()
                        + " lease entries from " + read.path() + " in " + millisSince(t0) + " ms");
                return new SourceRead(source, selector, followed, null);
            } catch (LeaseFileException | IOException e) {
                if (config.sources().size() == 1) {
                    throw e;
                }
                String message = describe(e);
                sources.add(new HarvestReport.Source(source.label(), "leases",
                        source.format() == null ? null : source.format().label(), 0,
                        source.keaApi() != null || Files.exists(source.file()), message));
                return new SourceRead(source, null, false, e);
            }
        }

        /** Brings the followed lease file up to date: only what dhcpd appended, or all of it after a rewrite. */
        private LeaseSelector readFollowed(LeaseFileFollower follower, LeaseSource source)
                throws IOException, LeaseFileException {
            follower.refresh();
            if (incremental(config) == null) {
                follower.drainChanges(); // this harvest decides every host: nothing to carry to the next
                incrementals.remove(follower);
            }
            messages.addAll(follower.warnings());
            LeaseSelector leases = follower.leases();
            sources.add(new HarvestReport.Source(source.label(), "leases", follower.format().label(),
                    leases.leasesRead(), true));
            return leases;
        }

        /** Reads a lease source in its format into a selector, recording the source and its messages. */
        private LeaseSelector readLeases(LeaseSource source) throws IOException, LeaseFileException, InterruptedException {
            LeaseFormat format = source.keaApi() != null ? LeaseFormat.KEA_API
                    : source.format() != null ? source.format() : LeaseFormat.detect(source.file());
            LeaseSelector selector;
            int entries;
            switch (format) {
                case KEA_API -> {
                    if (source.keaApi() == null) {
                        throw new IllegalArgumentException("--source-format kea-api reads from a Kea control agent:"
                                + " give its URL with -l, e.g. -l http://127.0.0.1:8000/");
                    }
                    selector = new LeaseSelector(asOf);
                    listener.progress("reading leases from the Kea control agent at " + source.keaApi());
                    entries = KeaApiLeaseSource.read(source.keaApi(), selector::add);
                }
                case KEA_CSV -> {
                    selector = null;
                    entries = 0;
                    for (Path file : KeaCsvLeaseParser.filesOf(source.file())) { // oldest first: later rows win
                        IscLeaseParser.Parts<LeaseSelector> parts = KeaCsvLeaseParser.parseNewestInParts(file,
                                READ_THREADS, () -> new LeaseSelector(asOf));
                        LeaseSelector read = combined(parts);
                        selector = selector == null ? read : LeaseSelector.combine(List.of(selector, read), List.of(1, 1));
                        entries += parts.summary().leases();
                    }
                }
                case DNSMASQ -> {
                    IscLeaseParser.Parts<LeaseSelector> parts = DnsmasqLeaseParser.parseInParts(source.file(),
                            READ_THREADS, () -> new LeaseSelector(asOf));
                    selector = combined(parts);
                    entries = parts.summary().leases();
                }
                default -> {
                    IscLeaseParser.Parts<LeaseSelector> parts = IscLeaseParser.parseNewestInParts(source.file(),
                            READ_THREADS, () -> new LeaseSelector(asOf));
                    selector = combined(parts);
                    messages.addAll(parts.summary().warnings());
                    entries = parts.summary().leases();
                }
            }
            sources.add(new HarvestReport.Source(source.label(), "leases", format.label(), entries, true));
            return selector;
        }

        /**
         * The parts' selectors as one, counting as read the entries a read of the newest entries
         * passed over (superseded, so no selector saw them).
         */
        private static LeaseSelector combined(IscLeaseParser.Parts<LeaseSelector> parts) {
            LeaseSelector selector = LeaseSelector.combine(parts.sinks(), parts.firstLines());
            selector.countSuperseded(parts.summary().leases() - selector.leasesRead());
            return selector;
        }

        /** Probes, saying every few seconds that it is still at it: 10,000 silent hosts take a while. */
        private Set<String> probe(Prober prober, List<String> addresses) throws IOException, InterruptedException {
            long start = System.nanoTime();
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "probe-progress");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(() -> listener.progress("still probing " + addresses.size() + " hosts, "
                    + millisSince(start) / 1000 + " s so far"), PROBE_PROGRESS_SECONDS, PROBE_PROGRESS_SECONDS, TimeUnit.SECONDS);
            try {
                return prober.reachable(addresses);
            } finally {
                ticker.shutdownNow();
            }
        }

        HarvestReport failed(int exitCode, String kind, String message) {
            return new HarvestReport(HarvestReport.SCHEMA_VERSION, HarvestReport.Status.FAILED, exitCode,
                    new HarvestReport.Failure(kind, message), "harvest failed: " + message, asOf, startedAt,
                    clock.instant(), List.copyOf(sources), null, null, null, null, List.of(), List.copyOf(messages));
        }
    }

    /**
     * The follower whose kept state a harvest can go through, or null: one followed lease file
     * published alone, without verification, into a fragment file or by dynamic updates. Other
     * harvests decide every host.
     */
    private LeaseFileFollower incremental(HarvestConfig config) {
        if (config.sources().size() != 1 || (config.verify() != null && probeMemory == null)
                || config.sources().get(0).keaApi() != null
                || (config.ddns() == null && config.include().dest() == null)) {
            return null;
        }
        return followerOf(config.sources().get(0).file());
    }

    /**
     * The first instant after {@code after} when a lease of a followed file starts or ends (a
     * harvest then, and an expiry unpublishes on time), or null when none will; an earlier one
     * when such a change since the last harvest still waits for a harvest.
     */
    public Instant nextLeaseChangeAfter(Instant after) {
        Instant next = null;
        for (LeaseFileFollower follower : followers) {
            IncrementalHarvest state = incrementals.get(follower);
            Instant change = state != null ? state.nextChangeAfter(after)
                    : follower.leases() == null ? null : follower.leases().nextChangeAfter(after);
            if (change != null && (next == null || change.isBefore(next))) {
                next = change;
            }
        }
        return next;
    }

    /** The follower of a lease file, or null when it is read whole. */
    private LeaseFileFollower followerOf(Path file) {
        for (LeaseFileFollower follower : followers) {
            if (follower.file().equals(file)) {
                return follower;
            }
        }
        return null;
    }

    /** One source's read: its selector (and whether the follower read it), or why it could not be read. */
    private record SourceRead(LeaseSource source, LeaseSelector selector, boolean followed, Exception failure) {
    }

    /** A source's failure in one line. */
    private static String describe(Exception e) {
        return e instanceof NoSuchFileException missing ? "lease file " + missing.getFile() + " does not exist; check -l"
                : e.getMessage();
    }

    /** What each source has in DNS now: the hosts just published from it, or, for a failed source, what it had. */
    private static Map<String, List<SourceMemory.Host>> lastPublished(List<SourceRead> reads, List<Candidate> published,
            Map<String, String> sourceOf, Map<String, List<SourceMemory.Host>> remembered) {
        Map<String, List<SourceMemory.Host>> out = new TreeMap<>();
        for (SourceRead r : reads) {
            out.put(r.source().label(), r.failure() == null ? new ArrayList<>()
                    : List.copyOf(remembered.getOrDefault(r.source().label(), List.of())));
        }
        for (Candidate c : published) {
            String label = sourceOf.get(c.lease().address());
            if (label != null && out.get(label) instanceof ArrayList<SourceMemory.Host> hosts) {
                hosts.add(new SourceMemory.Host(c.name(), c.lease().address(), c.lease().mac(), c.lease().clientId()));
            }
        }
        return out;
    }

    private static long millisSince(long nanoStart) {
        return (System.nanoTime() - nanoStart) / 1_000_000;
    }

    private static HarvestReport.Counts counts(int leasesRead, int addresses, int activeLeases, int reservations,
            int inForce, Map<Outcome, Integer> byOutcome) {
        return new HarvestReport.Counts(leasesRead, addresses, activeLeases, reservations, inForce,
                count(byOutcome, Outcome.PUBLISHED) + count(byOutcome, Outcome.RENAMED), count(byOutcome, Outcome.RENAMED),
                count(byOutcome, Outcome.UNREACHABLE), count(byOutcome, Outcome.FILTERED), count(byOutcome, Outcome.REJECTED),
                count(byOutcome, Outcome.DUPLICATE), count(byOutcome, Outcome.KEPT));
    }

    /**
     * How many hosts had each outcome, counted in an array (a map's merge boxed a count for each of
     * 500,000 hosts): {@code results}, and the hosts of each outcome they leave out.
     */
    private static Map<Outcome, Integer> byOutcome(List<HostResult> results, int[] unlisted) {
        int[] counts = unlisted.clone();
        for (HostResult result : results) {
            counts[result.outcome().ordinal()]++;
        }
        Map<Outcome, Integer> byOutcome = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            if (counts[outcome.ordinal()] > 0) {
                byOutcome.put(outcome, counts[outcome.ordinal()]);
            }
        }
        return byOutcome;
    }

    private static int count(Map<Outcome, Integer> byOutcome, Outcome outcome) {
        return byOutcome.getOrDefault(outcome, 0);
    }
}
