package multiprocessing4j.managers;

import java.util.Objects;
import multiprocessing4j.reduction.PyRepr;
import multiprocessing4j.reduction.PyTuple;

/**
 * The name of a shared object on a manager's server, as Python's
 * {@code multiprocessing.managers.Token}: the object's {@code typeid}, the server's
 * {@code address} and the object's {@code id}.
 *
 * <p>The address is in Python's wire form, because the server compares it with its own to
 * recognise its own proxies: a {@link PyTuple} {@code ("127.0.0.1", port)} for TCP (what the
 * server's {@code getsockname()} says) or a {@code String} path for a Unix socket. The id is
 * opaque (CPython uses the hex address of the referent). Immutable; equal by all three parts.
 */
public final class Token {
    private final String typeid;
    private final Object address;
    private final String id;

    /**
     * @param address the server's address in Python's form: a {@code PyTuple(host, port)} or a
     *     {@code String} socket path
     */
    public Token(String typeid, Object address, String id) {
        this.typeid = Objects.requireNonNull(typeid, "typeid");
        this.address = Objects.requireNonNull(address, "address");
        this.id = Objects.requireNonNull(id, "id");
    }

    public String typeid() {
        return typeid;
    }

    /** The server's address: a {@code PyTuple(host, port)} or a {@code String} socket path. */
    public Object address() {
        return address;
    }

    public String id() {
        return id;
    }

    /** This token with another address, as a CPython client rewrites a {@code #PROXY} token. */
    Token withAddress(Object newAddress) {
        return newAddress.equals(address) ? this : new Token(typeid, newAddress, id);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof Token t && typeid.equals(t.typeid) && address.equals(t.address)
                && id.equals(t.id));
    }

    @Override
    public int hashCode() {
        return Objects.hash(typeid, address, id);
    }

    /** Python's {@code repr}: {@code Token(typeid='dict', address=('127.0.0.1', 5000), id='7f…')}. */
    @Override
    public String toString() {
        return "Token(typeid=" + PyRepr.repr(typeid) + ", address=" + PyRepr.repr(address) + ", id="
                + PyRepr.repr(id) + ")";
    }
}
