/**
 * Message-oriented connections that speak CPython's {@code multiprocessing.connection} wire
 * protocol, as Python's module of the same name.
 *
 * <p>A {@link multiprocessing4j.connection.Connection} carries length-prefixed frames (a 4-byte
 * big-endian length, then the payload) over a TCP socket, a Unix domain socket or an in-JVM
 * pipe. {@link multiprocessing4j.connection.Listener} and
 * {@link multiprocessing4j.connection.Client} open socket connections and, when given an
 * authkey, run CPython's mutual HMAC challenge/response handshake (the legacy HMAC-MD5 scheme of
 * CPython 3.6&ndash;3.11 and the {@code {digest}}-prefixed scheme of 3.12+), so that Java and
 * CPython peers of any of those versions can talk to each other.
 * {@link multiprocessing4j.connection.Connection#Pipe(boolean)} makes a connected pair inside one
 * JVM, {@link multiprocessing4j.connection.Connection#wait(java.util.Collection, double)} waits for
 * several connections at once, and {@link multiprocessing4j.connection.Addresses} translates
 * between Java socket addresses and the form Python gives them.
 */
package multiprocessing4j.connection;
