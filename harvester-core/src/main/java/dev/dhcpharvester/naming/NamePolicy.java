package dev.dhcpharvester.naming;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which names to publish. {@code -i} names and {@code -f} patterns select; with neither, every
 * name is selected (the CORD harvester then published nothing). {@code --exclude} patterns
 * then remove. Patterns match at the start of the name, as Python's {@code re.match} does.
 */
public record NamePolicy(List<String> include, List<Pattern> filters, List<Pattern> excludes) {

    public static final NamePolicy ALL = new NamePolicy(List.of(), List.of(), List.of());

    public NamePolicy {
        include = List.copyOf(include);
        filters = List.copyOf(filters);
        excludes = List.copyOf(excludes);
    }

    /** Why the name is left out, or empty when it is selected. */
    public Optional<String> rejection(String name) {
        if (!include.isEmpty() || !filters.isEmpty()) {
            boolean selected = include.stream().anyMatch(name::equalsIgnoreCase)
                    || filters.stream().anyMatch(p -> p.matcher(name).lookingAt());
            if (!selected) {
                return Optional.of("not in --include and matches no --filter");
            }
        }
        for (int i = 0; i < excludes.size(); i++) { // by index, not a stream or an iterator: this runs for every host
            Pattern exclude = excludes.get(i);
            if (exclude.matcher(name).lookingAt()) {
                return Optional.of("matches --exclude '" + exclude.pattern() + "'");
            }
        }
        return Optional.empty();
    }
}
