package org.vectorgrad.bench.report;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the benchmarks ran on: CPU model, vector ISA, cores, caches, the Vector API's preferred
 * species, the JDK. Collected by the suite when it starts (in the JVM that forks the benchmarks, so
 * with the same JDK and flags) and stored as {@code machine.properties} beside the JSON, so a report
 * can be regenerated elsewhere.
 */
public record Machine(Map<String, String> properties) {
    /** ISA extensions worth naming for SIMD code, as Linux spells them in /proc/cpuinfo. */
    private static final List<String> ISA = List.of(
            "sse4_2", "avx", "avx2", "fma", "avx512f", "avx512dq", "avx512bw", "avx512vl", "avx512_vnni",
            "avx512_bf16", "avx512_fp16", "amx_tile", "asimd", "asimdhp", "sve", "sve2", "sme");

    public Machine {
        properties = new LinkedHashMap<>(properties);
    }

    public String get(String key) {
        return properties.getOrDefault(key, "unknown");
    }

    /** Size in bytes of {@code L1d}, {@code L2} or {@code L3}; 0 when unknown. */
    public long cacheBytes(String level) {
        String v = properties.get("cache." + level);
        return v == null ? 0 : Long.parseLong(v);
    }

    /** The smallest cache level a working set of {@code bytes} fits in, or {@code DRAM}. */
    public String fitsIn(double bytes) {
        for (String level : List.of("L1d", "L2", "L3")) {
            long size = cacheBytes(level);
            if (size > 0 && bytes <= size) {
                return level.equals("L1d") ? "L1" : level;
            }
        }
        return cacheBytes("L3") > 0 ? "DRAM" : "?";
    }

    /** This machine and JVM, now. {@code source} names the code measured, e.g. a git commit. */
    public static Machine collect(String source) {
        Map<String, String> p = new LinkedHashMap<>();
        String cpuinfo = read(Path.of("/proc/cpuinfo"));
        p.put("cpu.model", firstField(cpuinfo, "model name", "Model", "Hardware", "cpu model")
                .orElse(System.getProperty("os.arch")));
        p.put("cpu.isa", isa(cpuinfo));
        p.put("cpu.cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        caches(p);
        p.put("memory", memory());
        p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        p.put("java.version", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")");
        p.put("java.flags", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        p.put("vector.preferred", preferredSpecies());
        p.put("vectorgrad.backends", backends());
        p.put("vectorgrad.threads", System.getProperty("vectorgrad.threads", "all cores (" + Runtime.getRuntime().availableProcessors() + ")"));
        // other work on the machine is the usual cause of wide error bars
        String load = read(Path.of("/proc/loadavg")).trim();
        p.put("load", load.isEmpty() ? "unknown" : load.replaceFirst("^(\\S+ \\S+ \\S+).*", "$1"));
        p.put("source", source == null || source.isBlank() ? "unknown" : source);
        p.put("date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        return new Machine(p);
    }

    public static Machine load(Path file) throws IOException {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            props.load(r);
        }
        Map<String, String> p = new LinkedHashMap<>();
        for (String k : new TreeSet<>(props.stringPropertyNames())) {
            p.put(k, props.getProperty(k));
        }
        return new Machine(p);
    }

    public void store(Path file) throws IOException {
        StringBuilder sb = new StringBuilder("# Vectorgrad benchmark machine\n");
        properties.forEach((k, v) -> sb.append(k).append('=').append(escape(v)).append('\n'));
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write(sb.toString());
        }
    }

    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\n", "\\n").replace("=", "\\=").replace(":", "\\:");
    }

    private static String isa(String cpuinfo) {
        Set<String> flags = new TreeSet<>();
        for (String line : cpuinfo.split("\n")) {
            String l = line.toLowerCase(Locale.ROOT);
            if (l.startsWith("flags") || l.startsWith("features")) {
                for (String f : l.substring(l.indexOf(':') + 1).trim().split("\\s+")) {
                    flags.add(f);
                }
                break;
            }
        }
        List<String> named = new ArrayList<>();
        for (String f : ISA) {
            if (flags.contains(f)) {
                named.add(f.toUpperCase(Locale.ROOT).replace("ASIMD", "NEON/ASIMD"));
            }
        }
        return named.isEmpty() ? "unknown (no /proc/cpuinfo flags)" : String.join(" ", named);
    }

    /** Per-core L1d and L2 and the L3 slice, from Linux sysfs (bytes). */
    private static void caches(Map<String, String> p) {
        Path dir = Path.of("/sys/devices/system/cpu/cpu0/cache");
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var entries = Files.list(dir)) {
            for (Path index : entries.filter(d -> d.getFileName().toString().startsWith("index")).toList()) {
                String level = read(index.resolve("level")).trim();
                String type = read(index.resolve("type")).trim();
                long size = parseSize(read(index.resolve("size")).trim());
                if (type.equals("Instruction") || size <= 0) {
                    continue;
                }
                p.put("cache." + ("1".equals(level) ? "L1d" : "L" + level), String.valueOf(size));
            }
        } catch (IOException e) {
            p.put("cache.error", e.toString());
        }
    }

    private static long parseSize(String s) {
        if (s.isEmpty()) {
            return 0;
        }
        char unit = Character.toUpperCase(s.charAt(s.length() - 1));
        long scale = switch (unit) {
            case 'K' -> 1L << 10;
            case 'M' -> 1L << 20;
            case 'G' -> 1L << 30;
            default -> 1;
        };
        String digits = scale == 1 ? s : s.substring(0, s.length() - 1);
        return Long.parseLong(digits.trim()) * scale;
    }

    private static String memory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return String.format("%.1f GiB", os.getTotalMemorySize() / (double) (1L << 30));
        }
        return "unknown";
    }

    /** The Vector API's preferred species, found reflectively so the report also runs without the module. */
    private static String preferredSpecies() {
        try {
            Object f = Class.forName("jdk.incubator.vector.FloatVector").getField("SPECIES_PREFERRED").get(null);
            Object d = Class.forName("jdk.incubator.vector.DoubleVector").getField("SPECIES_PREFERRED").get(null);
            Class<?> species = Class.forName("jdk.incubator.vector.VectorSpecies");
            int bits = (int) species.getMethod("vectorBitSize").invoke(f);
            int fl = (int) species.getMethod("length").invoke(f);
            int dl = (int) species.getMethod("length").invoke(d);
            return bits + " bits (" + fl + " float32 lanes, " + dl + " float64 lanes)";
        } catch (ReflectiveOperationException | LinkageError e) {
            return "unknown (Vector API not enabled: --add-modules jdk.incubator.vector)";
        }
    }

    private static String backends() {
        try {
            return String.join(", ", org.vectorgrad.backend.Backends.available());
        } catch (RuntimeException | LinkageError e) {
            return "unknown (" + e + ")";
        }
    }

    private static java.util.Optional<String> firstField(String cpuinfo, String... names) {
        for (String name : names) {
            for (String line : cpuinfo.split("\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return java.util.Optional.of(line.substring(colon + 1).trim());
                }
            }
        }
        return java.util.Optional.empty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
