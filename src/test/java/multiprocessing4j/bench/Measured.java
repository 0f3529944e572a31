package multiprocessing4j.bench;

/** A trial's label with what it gave. */
public record Measured(String label, Outcome outcome) {}
