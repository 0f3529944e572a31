package multiprocessing4j.reduction;

import net.razorvine.pickle.Pickler;
import net.razorvine.pickle.Unpickler;

/**
 * Turns values into pickles and back, as {@code multiprocessing.reduction.ForkingPickler}.
 *
 * <p>PLACEHOLDER: stock Razorvine until the reduction layer lands (issue 2).
 */
public final class ForkingPickler {
    private ForkingPickler() {}

    public static byte[] dumps(Object obj) {
        try {
            return new Pickler(true, false).dumps(obj);
        } catch (Exception e) {
            throw new PicklingError("cannot pickle " + obj.getClass().getName() + ": " + e, e);
        }
    }

    public static Object loads(byte[] data) {
        return loads(data, 0, data.length);
    }

    public static Object loads(byte[] data, int offset, int length) {
        try {
            byte[] copy = java.util.Arrays.copyOfRange(data, offset, offset + length);
            return new Unpickler().loads(copy);
        } catch (Throwable e) {
            throw new UnpicklingError("cannot unpickle: " + e, e);
        }
    }
}
