package dev.dhcpharvester.ncr;

import dev.dhcpharvester.publication.ddns.DdnsHost;
import dev.dhcpharvester.publication.ddns.DdnsPublisher;
import dev.dhcpharvester.publication.ddns.DdnsZone;
import dev.dhcpharvester.publication.ddns.UpdateSender;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.Name;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;

/**
 * Kea D2's job, done without a queue to overflow: NameChangeRequests arrive over UDP, are
 * journalled to disk and folded into the desired state at once, and a convergence cycle (after a
 * short debounce, so a burst becomes a few batched cycles) brings DNS to that state with the
 * dynamic DNS publisher: new names many to an UPDATE, each with its own DHCID conflict check.
 * A request whose update failed (server down) is tried again every {@code retry}; one that met a
 * conflict is dropped, as D2 drops it.
 */
public final class NcrService implements AutoCloseable {

    /**
     * @param listen   where to receive NCRs
     * @param forward  forward DDNS domains (none: forward changes are not made)
     * @param reverse  reverse DDNS domains (none: reverse changes are not made)
     * @param key      signs updates to servers without a key of their own, or null
     * @param timeout  how long to wait for a DNS server
     * @param state    the publisher's state file: the names published
     * @param journal  the requests not yet settled
     * @param debounce how long a cycle waits for more requests after the first
     * @param retry    how soon a failed update is tried again
     */
    public record Settings(InetSocketAddress listen, List<DdnsZone> forward, List<DdnsZone> reverse, TSIG key,
            Duration timeout, Path state, Path journal, Duration debounce, Duration retry) {

        public Settings {
            forward = List.copyOf(forward);
            reverse = List.copyOf(reverse);
            if (forward.isEmpty() && reverse.isEmpty()) {
                throw new IllegalArgumentException("no forward or reverse DDNS domain: every request would be ignored");
            }
        }
    }

    /** How often the publisher's state file is written, at most. */
    static final Duration STATE_SAVE = Duration.ofSeconds(5);

    /** Requests journalled in one write at most; a longer burst takes several. */
    static final int BATCH = 1000;

    private final Settings settings;
    private final PrintStream out;
    private final Clock clock;
    private final RateLimitedLog complaints;
    private final NcrStatistics statistics;
    private final RequestBook book;
    private final DdnsPublisher publisher;
    private final DatagramChannel channel;
    private final Selector selector;
    private final Semaphore wake = new Semaphore(0);
    private final Thread listener;
    private final Thread converger;
    private volatile boolean open = true;

    private NcrService(Settings settings, PrintStream out, Clock clock, RequestBook book, DatagramChannel channel,
            Selector selector) {
        this.settings = settings;
        this.out = out;
        this.clock = clock;
        this.complaints = new RateLimitedLog(out, clock, Duration.ofMinutes(1));
        this.book = book;
        this.channel = channel;
        this.selector = selector;
        this.statistics = new NcrStatistics(book::accepted);
        this.publisher = new DdnsPublisher(new DdnsPublisher.Options(settings.forward(), settings.reverse(), settings.state()),
                new UpdateSender(settings.key(), settings.timeout(), statistics.updates));
        // the journal is the record of what is wanted; the state file only spares UPDATEs after a restart
        this.publisher.saveAtMostEvery(STATE_SAVE);
        this.listener = new Thread(this::listen, "ncr-listener");
        this.converger = new Thread(this::converge, "ncr-cycle");
    }

    /** Reads the journal, binds the socket and starts; a request left in the journal is carried out first. */
    public static NcrService start(Settings settings, PrintStream out, Clock clock) throws IOException {
        RequestBook book;
        try {
            book = RequestBook.open(new NcrJournal(settings.journal()), warning -> out.println(clock.instant() + " " + warning));
        } catch (IOException e) {
            throw new IOException("cannot use the NCR journal " + settings.journal() + ": " + why(e)
                    + "; check --ncr-journal (its directory must be writable)", e);
        }
        DatagramChannel channel = DatagramChannel.open();
        Selector selector;
        try {
            // A large buffer holds a burst while a batch is forced to disk (the kernel may cap it: net.core.rmem_max).
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 8 << 20);
            channel.bind(settings.listen());
            channel.configureBlocking(false);
            selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
        } catch (IOException e) {
            channel.close();
            book.close();
            throw new IOException("cannot listen for NCRs on " + settings.listen().getAddress().getHostAddress() + ":"
                    + settings.listen().getPort() + ": " + e.getMessage(), e);
        }
        NcrService service = new NcrService(settings, out, clock, book, channel, selector);
        service.listener.start();
        service.converger.start();
        service.wake.release(); // the journal's requests, and the first look at DNS
        return service;
    }

    /** What went wrong with a file, in words: the JDK's file exceptions carry only the path as their message. */
    private static String why(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such directory";
        }
        if (e instanceof java.nio.file.FileSystemException f) {
            return f.getReason() != null ? f.getReason() : f.getClass().getSimpleName().replace("Exception", "");
        }
        return e.getMessage();
    }

    public InetSocketAddress address() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    /**
     * A warning when the kernel gave the socket less than 1 MB of receive buffer (its
     * net.core.rmem_max caps what was asked for), else null.
     */
    public String smallBufferWarning() throws IOException {
        int buffer = channel.getOption(StandardSocketOptions.SO_RCVBUF);
        return buffer >= 1 << 20 ? null : "the NCR socket got a " + buffer / 1024 + " KB receive buffer (the kernel's"
                + " net.core.rmem_max): a burst larger than that, arriving while a batch is written, can be lost before"
                + " it is read; raise it, e.g. sysctl -w net.core.rmem_max=8388608";
    }

    public NcrStatistics statistics() {
        return statistics;
    }

    /** Names the requests ask to have published. */
    public int names() {
        return book.names();
    }

    private void listen() {
        ByteBuffer buffer = ByteBuffer.allocate(65536);
        List<NameChangeRequest> batch = new ArrayList<>();
        try {
            while (open) {
                selector.select();
                selector.selectedKeys().clear();
                SocketAddress from;
                int datagrams = 0;
                while (datagrams < BATCH && (from = channel.receive(buffer.clear())) != null) {
                    datagrams++;
                    NameChangeRequest request = check(buffer.flip(), from);
                    if (request != null) {
                        batch.add(request);
                    }
                }
                if (!batch.isEmpty()) {
                    accept(batch);
                    batch.clear();
                }
                // counted once their requests are in the book, so "received" implies "accepted"
                statistics.received.addAndGet(datagrams);
                if (datagrams == BATCH) {
                    selector.wakeup(); // a full batch may have left datagrams waiting
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            if (open) {
                out.println(clock.instant() + " NCR listener stopped: " + e.getMessage());
            }
        }
    }

    private void accept(List<NameChangeRequest> batch) {
        try {
            book.accept(batch);
        } catch (IOException e) {
            statistics.journalErrors.addAndGet(batch.size());
            complaints.log("journal", "cannot journal " + batch.size() + " requests in " + settings.journal() + ": "
                    + e.getMessage() + "; carried out all the same, but a crash now would lose them");
        }
        wake.release();
    }

    /** The request in a datagram, or null (counted and logged) when it is not one we can carry out. */
    private NameChangeRequest check(ByteBuffer datagram, SocketAddress from) {
        try {
            NcrCodec.Decoded decoded = NcrCodec.decodeDatagram(datagram);
            if (!decoded.unknownFields().isEmpty()) {
                statistics.unknownFields.incrementAndGet();
                complaints.log("unknown-field", "NCR from " + from + " has fields we do not know, "
                        + decoded.unknownFields() + "; carried out without them");
            }
            return inZones(decoded.request());
        } catch (InvalidRequestException e) {
            statistics.invalid.get(e.kind()).incrementAndGet();
            complaints.log(e.kind().label(), "invalid NCR from " + from + " (" + e.kind().label() + "): " + e.getMessage());
            return null;
        }
    }

    /**
     * As D2: a direction with no domain configured is not changed; a direction with domains of
     * which none holds the name is an error that rejects the request.
     */
    private NameChangeRequest inZones(NameChangeRequest request) throws InvalidRequestException {
        boolean forward = request.forward() && !settings.forward().isEmpty();
        boolean reverse = request.reverse() && !settings.reverse().isEmpty();
        try {
            if (forward && DdnsZone.holding(Name.fromString(request.fqdn()), settings.forward()) == null) {
                throw new InvalidRequestException(InvalidRequestException.Kind.NO_ZONE,
                        "no forward-ddns domain holds " + request.fqdn());
            }
            Name reverseName = ReverseMap.fromAddress(InetAddress.getByName(request.address()));
            if (reverse && DdnsZone.holding(reverseName, settings.reverse()) == null) {
                throw new InvalidRequestException(InvalidRequestException.Kind.NO_ZONE,
                        "no reverse-ddns domain holds " + reverseName);
            }
        } catch (TextParseException | java.net.UnknownHostException e) {
            throw new InvalidRequestException(InvalidRequestException.Kind.BAD_FQDN, e.getMessage());
        }
        if (!forward && !reverse) {
            throw new InvalidRequestException(InvalidRequestException.Kind.NO_ZONE, request.fqdn()
                    + ": asks for " + (request.forward() ? "forward" : "reverse") + " changes only, and no such domain is configured");
        }
        return forward == request.forward() && reverse == request.reverse() ? request
                : new NameChangeRequest(request.type(), forward, reverse, request.fqdn(), request.address(), request.dhcid(),
                        request.expiresOn(), request.leaseLength(), request.mode());
    }

    private void converge() {
        boolean retrying = false;
        while (open) {
            try {
                boolean woken = wake.tryAcquire((retrying ? settings.retry() : STATE_SAVE).toMillis(), TimeUnit.MILLISECONDS);
                if (!open) {
                    break;
                }
                if (!woken) {
                    publisher.flush(); // quiet: a good moment to save the state
                    if (!retrying) {
                        continue;
                    }
                } else {
                    Thread.sleep(settings.debounce().toMillis()); // gather the rest of a burst
                }
                wake.drainPermits();
                retrying = cycle();
            } catch (InterruptedException e) {
                break;
            } catch (IOException | RuntimeException e) {
                String what = e instanceof java.nio.file.FileSystemException f ? f.getFile() + ": " + why(f) : e.getMessage();
                out.println(clock.instant() + " NCR cycle failed: " + what + "; tried again in "
                        + settings.retry().toSeconds() + " s");
                retrying = true;
            }
        }
    }

    /** One convergence; returns whether some update failed and is to be tried again. */
    private boolean cycle() throws IOException {
        long start = System.nanoTime();
        RequestBook.Snapshot snapshot = book.snapshot();
        List<DdnsHost> adds = new ArrayList<>(snapshot.adds().size());
        snapshot.adds().forEach(r -> adds.add(r.host()));
        List<DdnsHost> removes = new ArrayList<>(snapshot.removes().size());
        snapshot.removes().forEach(r -> removes.add(r.host()));
        DdnsPublisher.Result result = publisher.apply(adds, removes);
        List<NameChangeRequest> dropped = book.settle(snapshot, result);
        statistics.errors.addAndGet(dropped.size());
        long failed = result.count("failed");
        if (result.updatesSent() > 0 || failed > 0 || !dropped.isEmpty()) {
            out.println(clock.instant() + " NCR cycle: " + result.count("added") + " added, " + result.count("replaced")
                    + " replaced, " + result.count("removed") + " removed, " + result.count("conflict") + " conflicts, "
                    + failed + " failed" + (failed > 0 ? " (tried again in " + settings.retry().toSeconds() + " s)" : "")
                    + ", " + result.updatesSent() + " UPDATEs; " + book.names() + " names published");
            result.outcomes().stream().filter(o -> o.action().equals("conflict") || o.action().equals("failed")
                    || o.action().equals("no-zone")).limit(10)
                    .forEach(o -> out.println("  " + o.action() + " " + o.fqdn() + " " + o.address() + ": " + o.detail()));
        }
        // last, so that whoever sees the requests settled also finds the cycle's log lines
        statistics.settled.set(snapshot.accepted());
        statistics.cycleNanos.addAndGet(System.nanoTime() - start);
        statistics.cycles.incrementAndGet();
        return failed > 0;
    }

    /** Stops receiving, lets the cycle in flight finish (up to {@code grace}); the journal keeps the rest. */
    public void close(Duration grace) {
        open = false;
        try {
            selector.close();
            channel.close();
        } catch (IOException e) {
            // closing: nothing to do about it
        }
        try {
            listener.join(grace.toMillis());
            wake.release();
            converger.join(grace.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            publisher.flush();
        } catch (IOException e) {
            out.println(clock.instant() + " cannot write " + settings.state() + ": " + e.getMessage()
                    + "; the next start re-sends some names (harmless)");
        }
        try {
            book.close();
        } catch (IOException e) {
            // the journal was forced after every write; nothing is lost
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }
}
