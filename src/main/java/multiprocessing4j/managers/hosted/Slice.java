package multiprocessing4j.managers.hosted;

import multiprocessing4j.PyValueError;
import multiprocessing4j.reduction.PyObject;

/**
 * Python's {@code slice(start, stop, step)} as it arrives in a pickle ({@code builtins.slice}
 * reduced with its three fields), resolved against a length as {@code slice.indices} does.
 */
record Slice(int start, int step, int count) {

    /** The slice in {@code index}, or null when it is not one. */
    static PyObject asSlice(Object index) {
        return index instanceof PyObject o && o.module().equals("builtins") && o.name().equals("slice")
                && o.args().size() == 3 ? o : null;
    }

    /** The start and step of {@code slice.indices(length)} and the number of items it selects. */
    static Slice resolve(PyObject slice, int length) {
        Object s = slice.args().get(0);
        Object e = slice.args().get(1);
        Object st = slice.args().get(2);
        int step = st == null ? 1 : Args.index(st);
        if (step == 0) throw new PyValueError("slice step cannot be zero");
        int lower = step < 0 ? -1 : 0;
        int upper = step < 0 ? length - 1 : length;
        int start = s == null ? (step < 0 ? upper : lower) : clamp(Args.index(s), length, lower, upper);
        int stop = e == null ? (step < 0 ? lower : upper) : clamp(Args.index(e), length, lower, upper);
        int n;
        if (step > 0) n = start < stop ? (int) (((long) stop - start - 1) / step + 1) : 0;
        else n = stop < start ? (int) (((long) start - stop - 1) / -step + 1) : 0;
        return new Slice(start, step, n);
    }

    /** The i-th selected index. */
    int at(int i) {
        return start + i * step;
    }

    private static int clamp(int i, int length, int lower, int upper) {
        if (i < 0) {
            long j = (long) i + length;
            return j < lower ? lower : (int) j;
        }
        return Math.min(i, upper);
    }
}
