package dev.dhcpharvester.naming;

import dev.dhcpharvester.report.HostResult;
import dev.dhcpharvester.report.Outcome;
import dev.dhcpharvester.source.Addresses;
import dev.dhcpharvester.source.Lease;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@link DuplicateNames} kept from one harvest to the next (watch mode): candidates come and go a
 * few at a time, and only the hosts whose names meet theirs are decided again. Decides exactly as
 * {@link DuplicateNames} does over all candidates in address order: a name held by several
 * addresses gets {@code -<MAC>} appended to each, and of the hosts left with the same name the
 * lowest address keeps it.
 *
 * <p>Not thread-safe.
 */
public final class NameClaims {

    /** A candidate's fate: published under {@code unique}'s name, or left out as {@code duplicate}. */
    public record Resolution(Candidate unique, HostResult duplicate) {
    }

    private final boolean perFamily;
    private final Map<String, Candidate> candidates = new HashMap<>();
    /** Name key as asked for -> the addresses asking (one String, or a set of them). */
    private final Map<String, Object> askers = new HashMap<>();
    /** Address -> the name key it claims after any renaming. */
    private final Map<String, String> claimOf = new HashMap<>();
    /** Name key claimed -> the addresses claiming it (one String, or a set in address order). */
    private final Map<String, Object> claimants = new HashMap<>();
    private final Set<String> changed = new HashSet<>();
    /** Name keys asked for whose askers changed since the last settling. */
    private final Set<String> asked = new HashSet<>();

    /** @param perFamily names compared within each address family (zone fragments), as in {@link DuplicateNames} */
    public NameClaims(boolean perFamily) {
        this.perFamily = perFamily;
    }

    /**
     * Starts from these candidates alone (in address order, as {@link DuplicateNames} takes them)
     * and returns each one's resolution, in the same order: the claims built in one pass, without
     * tracking what changed.
     */
    public List<Resolution> start(List<Candidate> inAddressOrder) {
        candidates.clear();
        askers.clear();
        claimOf.clear();
        claimants.clear();
        changed.clear();
        asked.clear();
        String[] keys = new String[inAddressOrder.size()];
        for (int i = 0; i < keys.length; i++) {
            Candidate c = inAddressOrder.get(i);
            candidates.put(c.lease().address(), c);
            keys[i] = key(c);
            add(askers, keys[i], c.lease().address(), false);
        }
        List<Candidate> finals = new ArrayList<>(keys.length);
        for (int i = 0; i < keys.length; i++) {
            Candidate c = inAddressOrder.get(i);
            Candidate named = renamedIfShared(c, keys[i]);
            String claim = named == c ? keys[i] : key(named);
            claimOf.put(c.lease().address(), claim);
            add(claimants, claim, c.lease().address(), true);
            finals.add(named);
        }
        List<Resolution> out = new ArrayList<>(finals.size());
        for (Candidate named : finals) {
            out.add(resolution(named.lease().address(), named));
        }
        return out;
    }

    /**
     * Gives the candidate at the lease's address that lease, the same one read from another place
     * (dhcpd rewrote its file): its name and claim stay, nothing is decided again.
     */
    public void relabel(Lease lease) {
        candidates.computeIfPresent(lease.address(), (address, c) -> new Candidate(lease, c.name(), c.renameReason()));
    }

    /** Sets the candidate at an address, or removes it (null). */
    public void put(String address, Candidate candidate) {
        Candidate old = candidate == null ? candidates.remove(address) : candidates.put(address, candidate);
        if (old != null) {
            asked.add(key(old));
            remove(askers, key(old), address);
        }
        if (candidate != null) {
            asked.add(key(candidate));
            add(askers, key(candidate), address, false);
        }
        changed.add(address);
    }

    /**
     * Decides again every host the changes since the last call may concern; returns their
     * resolutions by address (null for an address no longer a candidate).
     */
    public Map<String, Resolution> settle() {
        // hosts whose name is asked for by one that came, went or changed: their renaming may change
        Set<String> concerned = new HashSet<>(changed);
        for (String key : asked) {
            concerned.addAll(members(askers.get(key)));
        }
        changed.clear();
        asked.clear();

        Set<String> claims = new HashSet<>();
        Map<String, Candidate> finals = new HashMap<>();
        for (String address : concerned) {
            Candidate c = candidates.get(address);
            Candidate named = c == null ? null : renamedIfShared(c);
            String claim = named == null ? null : key(named);
            String before = named == null ? claimOf.remove(address) : claimOf.put(address, claim);
            if (before != null && !before.equals(claim)) {
                remove(claimants, before, address);
                claims.add(before);
            }
            if (claim != null && !claim.equals(before)) {
                add(claimants, claim, address, true);
            }
            if (claim != null) {
                claims.add(claim);
                finals.put(address, named);
            }
        }
        // hosts claiming a name one of those claimed or left: which of them keeps it may change
        for (String claim : claims) {
            concerned.addAll(members(claimants.get(claim)));
        }

        Map<String, Resolution> out = new HashMap<>(concerned.size() * 2);
        for (String address : concerned) {
            Candidate c = candidates.get(address);
            if (c == null) {
                out.put(address, null);
                continue;
            }
            out.put(address, resolution(address, finals.computeIfAbsent(address, a -> renamedIfShared(c))));
        }
        return out;
    }

    /** The lowest address claiming a name keeps it; the others are left out. */
    private Resolution resolution(String address, Candidate named) {
        Object holders = claimants.get(claimOf.get(address));
        String first = holders instanceof String only ? only : ((TreeSet<?>) holders).first().toString();
        return first.equals(address) ? new Resolution(named, null)
                : new Resolution(null, named.result(Outcome.DUPLICATE,
                        "name '" + named.name() + "' is already published for another address"));
    }

    /** The candidate as {@link DuplicateNames} names it: with its MAC appended when others ask for its name too. */
    private Candidate renamedIfShared(Candidate c) {
        return renamedIfShared(c, key(c));
    }

    private Candidate renamedIfShared(Candidate c, String key) {
        int holding = members(askers.get(key)).size();
        return holding > 1 && c.lease().hasMac() ? DuplicateNames.renamed(c, holding) : c;
    }

    private String key(Candidate c) {
        return DuplicateNames.nameKey(c, perFamily);
    }

    private static Collection<String> members(Object holders) {
        if (holders == null) {
            return List.of();
        }
        if (holders instanceof String only) {
            return List.of(only);
        }
        @SuppressWarnings("unchecked")
        Collection<String> many = (Collection<String>) holders;
        return many;
    }

    /** Adds an address to a key's holders; one holder is kept as the String itself (most names have one). */
    @SuppressWarnings("unchecked")
    private static void add(Map<String, Object> map, String key, String address, boolean ordered) {
        Object holders = map.get(key);
        if (holders == null) {
            map.put(key, address);
        } else if (holders instanceof String only) {
            Set<String> set = ordered ? new TreeSet<>(Addresses.ORDER) : new HashSet<>();
            set.add(only);
            set.add(address);
            map.put(key, set);
        } else {
            ((Set<String>) holders).add(address);
        }
    }

    @SuppressWarnings("unchecked")
    private static void remove(Map<String, Object> map, String key, String address) {
        Object holders = map.get(key);
        if (holders instanceof String only) {
            if (only.equals(address)) {
                map.remove(key);
            }
        } else if (holders != null) {
            Set<String> set = (Set<String>) holders;
            set.remove(address);
            if (set.size() == 1) {
                map.put(key, set.iterator().next());
            }
        }
    }
}
