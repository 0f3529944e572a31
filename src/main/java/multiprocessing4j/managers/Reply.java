package multiprocessing4j.managers;

/**
 * A server's reply {@code (kind, payload)}: {@code #RETURN}, {@code #ERROR}, {@code #TRACEBACK},
 * {@code #PROXY} or {@code #UNSERIALIZABLE}.
 */
record Reply(String kind, Object payload) {
    static final String RETURN = "#RETURN";
    static final String ERROR = "#ERROR";
    static final String TRACEBACK = "#TRACEBACK";
    static final String PROXY = "#PROXY";
    static final String UNSERIALIZABLE = "#UNSERIALIZABLE";

    /**
     * The payload of a {@code #RETURN}; any other kind becomes the exception a CPython client
     * raises for it (its {@code convert_to_error}).
     */
    Object value() {
        if (RETURN.equals(kind)) return payload;
        throw error();
    }

    /** The exception for a reply that is not {@code #RETURN} (nor a {@code #PROXY} being handled). */
    RuntimeException error() {
        return switch (kind) {
            case ERROR -> ManagerPickling.toException(payload);
            case TRACEBACK -> new RemoteError(text());
            case UNSERIALIZABLE -> new RemoteError("Unserializable message: " + text() + "\n");
            default -> new multiprocessing4j.PyValueError("Unrecognized message type " + multiprocessing4j.reduction.PyRepr.repr(kind));
        };
    }

    private String text() {
        if (payload instanceof String s) return s;
        throw new multiprocessing4j.PyTypeError("Result " + payload + " (kind '" + kind + "') is not str");
    }
}
