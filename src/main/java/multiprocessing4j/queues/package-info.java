/**
 * Queues between processes, as CPython's {@code multiprocessing.queues}: {@link
 * multiprocessing4j.queues.Queue}, {@link multiprocessing4j.queues.SimpleQueue} and {@link
 * multiprocessing4j.queues.JoinableQueue}, over a ring of records in a shared-memory segment
 * ({@link multiprocessing4j.queues.RingLayout}) guarded by process-shared locks.
 */
package multiprocessing4j.queues;
