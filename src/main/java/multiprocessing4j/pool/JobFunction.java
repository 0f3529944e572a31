package multiprocessing4j.pool;

/**
 * A job's function, serialized once per job ({@code bytes}) when it goes to process workers, so
 * that a map's chunks do not serialize it again; null {@code bytes} for thread workers.
 */
record JobFunction(Object function, byte[] bytes) {
}
