package dev.dhcpharvester.naming;

/** What became of a client-supplied name: valid as it is, repaired into a valid label, or rejected. */
public sealed interface LabelCheck {

    record Valid(String label) implements LabelCheck {
    }

    record Repaired(String label, String reason) implements LabelCheck {
    }

    record Rejected(String reason) implements LabelCheck {
    }
}
