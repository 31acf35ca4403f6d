package dev.dhcpharvester.harvest;

/**
 * Hears how a harvest is getting on, one line per stage, for a console that would otherwise stay
 * silent while 10,000 hosts are probed (a Jenkins build log, a terminal).
 */
@FunctionalInterface
public interface HarvestListener {

    HarvestListener NONE = line -> { };

    void progress(String line);
}
