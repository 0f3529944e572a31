package multiprocessing4j.managers;

import java.util.Map;
import java.util.Set;
import multiprocessing4j.reduction.PyTuple;

/**
 * Public methods a {@link Server} answers beyond CPython's {@code Server.public}, and what it does
 * when it shuts down: what a CPython subclass of {@code Server} adds ({@code SharedMemoryServer}).
 */
interface ServerExtension {
    /** No extra methods, nothing at shutdown. */
    ServerExtension NONE = new ServerExtension() {
        @Override
        public Set<String> methods() {
            return Set.of();
        }

        @Override
        public Object call(String method, PyTuple args, Map<String, Object> kwds) {
            throw new IllegalStateException(method);
        }

        @Override
        public void shutdown() {}
    };

    /** The extra public method names; a control connection may carry one of them. */
    Set<String> methods();

    /** Answers {@code method}; an exception becomes the client's {@code #TRACEBACK}, as in CPython. */
    Object call(String method, PyTuple args, Map<String, Object> kwds);

    /** Runs when the server shuts down or closes; may run more than once. */
    void shutdown();
}
