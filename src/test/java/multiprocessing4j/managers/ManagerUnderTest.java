package multiprocessing4j.managers;

import java.util.List;
import java.util.Optional;

/**
 * A manager server that a behaviour suite runs against: a CPython one ({@link ManagerPeer}) or
 * the Java one ({@link JavaManagerUnderTest}), with what the suite asks of it outside the
 * protocol under test.
 */
interface ManagerUnderTest {

    /** Where clients connect, in Python's form: {@code PyTuple(host, port)} or a socket path. */
    Object address();

    byte[] authkey();

    /** The server's {@code number_of_objects()}, asked apart from the client under test. */
    int objects() throws Exception;

    /**
     * Whether the server behaves as CPython {@code major.minor} or later: a CPython server as its
     * version, the Java server as the newest, 3.13.
     */
    boolean atLeast(int major, int minor);

    /** The names of the server's threads that serve clients, where the suite can see them. */
    Optional<List<String>> servingThreadNames() throws Exception;
}
