package org.vectorgrad.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PyTorch's and numpy's times from the same run ({@code pytorch.json}, written by
 * {@code bench/python/sweep.py}), or why there are none.
 *
 * @param notFound     null when measured, else why not (the report prints it instead of numbers)
 * @param info         versions, PyTorch's default thread count, numpy's BLAS and its kernel
 * @param byDefault    sweep case id to its time at PyTorch's default thread count
 * @param oneThread    sweep case id to its time at {@code torch.set_num_threads(1)}
 * @param numpyMatmul  {@code "n threads"} (e.g. {@code "256 1"}) to numpy's float32 n x n matmul time
 * @param errors       cases PyTorch rejected, with its message
 */
public record PyTorch(String notFound, Map<String, String> info, Map<String, Timing> byDefault,
                      Map<String, Timing> oneThread, Map<String, Timing> numpyMatmul, List<String> errors) {

    /** A median time per call and its error, in nanoseconds. */
    public record Timing(double ns, double err) {
    }

    public static PyTorch notFound(String why) {
        return new PyTorch(why, Map.of(), Map.of(), Map.of(), Map.of(), List.of());
    }

    public boolean found() {
        return notFound == null;
    }

    @SuppressWarnings("unchecked")
    public static PyTorch load(Path json) throws IOException {
        Map<String, Object> root = (Map<String, Object>) Json.parse(Files.readString(json));
        Map<String, String> info = new LinkedHashMap<>();
        info.put("torch", String.valueOf(root.get("torch")));
        info.put("python", String.valueOf(root.get("python")));
        info.put("threads.default", String.valueOf(Math.round(Json.number(root.get("threads.default")))));
        if (root.get("blas") instanceof Map<?, ?> blas) {
            blas.forEach((k, v) -> info.put(String.valueOf(k), String.valueOf(v)));
        }
        Map<String, Timing> byDefault = new LinkedHashMap<>();
        Map<String, Timing> one = new LinkedHashMap<>();
        for (Object o : (List<Object>) root.getOrDefault("cases", List.of())) {
            Map<String, Object> c = (Map<String, Object>) o;
            Timing t = new Timing(Json.number(c.get("ns")), Json.number(c.get("err")));
            ("1".equals(c.get("threads")) ? one : byDefault).put(String.valueOf(c.get("id")), t);
        }
        Map<String, Timing> gemm = new LinkedHashMap<>();
        for (Object o : (List<Object>) root.getOrDefault("matmul", List.of())) {
            Map<String, Object> m = (Map<String, Object>) o;
            gemm.put(Math.round(Json.number(m.get("n"))) + " " + Math.round(Json.number(m.get("threads"))),
                    new Timing(Json.number(m.get("ns")), Json.number(m.get("err"))));
        }
        List<String> errors = new ArrayList<>();
        for (Object o : (List<Object>) root.getOrDefault("errors", List.of())) {
            Map<String, Object> e = (Map<String, Object>) o;
            errors.add(e.get("id") + ": " + e.get("message"));
        }
        return new PyTorch(null, info, byDefault, one, gemm, errors);
    }
}
