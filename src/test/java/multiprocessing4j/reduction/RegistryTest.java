package multiprocessing4j.reduction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryTest {
    /** A stand-in for what the managers layer will register (Token and friends). */
    record Address(String host, int port) {}

    static {
        Reduction.registerConstructor("registry_test", "Address",
                (g, args) -> new Address((String) args.get(0), (Integer) args.get(1)));
        Reduction.registerReducer(Address.class,
                a -> PyObject.reduce(new PyGlobal("registry_test", "Address"), PyTuple.of(a.host(), a.port())));
    }

    @Test
    void registeredTypesRoundTrip() {
        Address a = new Address("127.0.0.1", 5000);
        assertEquals(List.of(a, a), Pickles.roundTrip(List.of(a, a)));
    }

    @Test
    void entriesCannotBeReplaced() {
        assertThrows(IllegalStateException.class, () -> Reduction.registerConstructor("registry_test", "Address", (g, a) -> null));
        assertThrows(IllegalStateException.class, () -> Reduction.registerConstructor("builtins", "frozenset", (g, a) -> null));
        assertThrows(IllegalStateException.class, () -> Reduction.registerReducer(Address.class, a -> null));
    }
}
