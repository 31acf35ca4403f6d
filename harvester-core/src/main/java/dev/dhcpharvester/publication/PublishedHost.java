package dev.dhcpharvester.publication;

/** A host as it goes into DNS: a valid label, its IPv4 address, and its MAC for the record's comment. */
public record PublishedHost(String name, String address, String mac) {
}
