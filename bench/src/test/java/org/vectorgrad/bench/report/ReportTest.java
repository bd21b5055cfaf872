package org.vectorgrad.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The report on {@code sample-results.json}, a trimmed JMH JSON file from a real run of the suite.
 * Expected cells are derived by hand from the scores in that file (quoted in each comment).
 */
class ReportTest {

    static Path resource(String name) throws URISyntaxException {
        return Path.of(ReportTest.class.getResource("/" + name).toURI());
    }

    static Report sampleReport() throws Exception {
        return new Report(Result.load(resource("sample-results.json")), Machine.load(resource("sample-machine.properties")));
    }

    @Test
    void loadsEveryResultAndConvertsUnitsToNanoseconds() throws Exception {
        List<Result> results = Result.load(resource("sample-results.json"));
        assertEquals(16, results.size());
        Result matmul = results.stream()
                .filter(r -> r.className().equals("KernelMatmulBenchmark") && r.param("impl").equals("simd"))
                .findFirst().orElseThrow();
        // score 15729.78560734127 us/op
        assertEquals(15_729_785.60734127, matmul.nsPerOp(), 1e-3);
        assertEquals("us/op", matmul.rawUnit());
        // scoreError 19327.73773989482 us/op
        assertEquals(19327.73773989482 / 15729.78560734127, matmul.relativeError(), 1e-12);
        assertEquals("KernelMatmulBenchmark.run dtype=float32 impl=simd layout=contiguous shape=256x256x256", matmul.key());
    }

    @Test
    void throughputModesBecomeTimePerOperation() {
        assertEquals(250, Result.toNanosPerOp(4e6, "ops/s"), 1e-9);
        assertEquals(2e3, Result.toNanosPerOp(0.5, "ops/us"), 1e-9);
        assertEquals(1.5e6, Result.toNanosPerOp(1.5, "ms/op"), 1e-9);
    }

    @Test
    void elementwiseRowHasNsPerElementSpeedupsAndBandwidth() throws Exception {
        String md = sampleReport().markdown();
        // loop 1409.147 ns / 1024 = 1.376; scalar 29169.50 / 1024 = 28.49; simd 5992.898 / 1024 = 5.852,
        // error 40512.76 / 5992.898 = 676%; simd vs scalar 29169.50 / 5992.898 = 4.867;
        // simd vs loop 1409.147 / 5992.898 = 0.2351; simd GB/s 3 * 4 * 1024 B / 5992.898 ns = 2.050;
        // 12 KiB fits in the 32 KiB L1d
        assertTrue(md.contains("| add | float32 | 1024 | contiguous | L1 | 1.38 ±228% | 28.5 ±1085% | 5.85 ±676% "
                + "| **4.87×** | **0.235×** | 2.05 |"), md);
    }

    @Test
    void reductionRowComparesWithTheCopyCeiling() throws Exception {
        String md = sampleReport().markdown();
        // simd 4 * 32768 B / 9700.890 ns = 13.51 GB/s; best copy: loop 2 * 4 * 32768 B / 8559.055 ns = 30.63 GB/s
        // (arraycopy 21.68); 13.51 / 30.63 = 44%; simd vs scalar 445612.9 / 9700.890 = 45.94, vs loop 8.771
        assertTrue(md.contains("| sum | float32 | 32768 | contiguous | L2 | 1.54 ±68% | 0.294 ±1192% | 13.5 ±757% "
                + "| **45.9×** | **8.77×** | 44% |"), md);
        assertTrue(md.contains("| float32 | 32768 | L2 | 30.6 ±92% | 21.7 ±157% |"), md);
    }

    @Test
    void matmulRowIsInGflops() throws Exception {
        String md = sampleReport().markdown();
        // 2 * 256^3 = 33554432 FLOP; simd 15729.786 us -> 2.133 GFLOP/s; ejml 16785.31 us -> 1.999;
        // working set 3 * 256 * 256 * 4 B = 768 KiB, past the 512 KiB L2; simd vs ejml 16785.31 / 15729.79 = 1.067
        assertTrue(md.contains("| 256x256x256 | float32 | contiguous | L3 | 2.48 ±225% | 2.00 ±96% | 1.90 ±232% "
                + "| 2.13 ±123% | **1.12×** | **0.86×** | **1.07×** |"), md);
    }

    @Test
    void summaryTakesGeometricMeansPerFamily() throws Exception {
        String md = sampleReport().markdown();
        // end to end: seed001 13336.70 / 115677.98 = 0.1153, add 268394.85 / 24637.23 = 10.894;
        // geomean sqrt(0.1153 * 10.894) = 1.121
        assertTrue(md.contains("| End to end: Tensor API and autograd | 2 | 1.12× (0.115–10.9) | — | — |"), md);
        assertTrue(md.contains("| tensorAdd1024 | 268 ±1259% | 24.6 ±802% | **10.9×** |"), md);
    }

    @Test
    void machineSectionComesFromTheMachineFileAndTheJson() throws Exception {
        String md = sampleReport().markdown();
        assertTrue(md.contains("| CPU | AMD EPYC |"), md);
        assertTrue(md.contains("| Vector ISA | SSE4_2 AVX AVX2 FMA |"), md);
        assertTrue(md.contains("| Vector API preferred species | 256 bits (8 float32 lanes, 4 float64 lanes) |"), md);
        assertTrue(md.contains("| Caches | L1d 32 KiB, L2 512 KiB (per core), L3 32 MiB |"), md);
        assertTrue(md.contains("| JDK (benchmark JVMs) | OpenJDK 64-Bit Server VM 25.0.3+9-LTS (JDK 25.0.3) |"), md);
        assertTrue(md.contains("| JMH settings | forks 1, warmup 3 x 500 ms, measurement 3 x 500 ms, benchmark threads 1 |"), md);
    }

    @Test
    void chartIsPlainSvgWithOneBarPerSpeedup() throws Exception {
        String svg = sampleReport().chart();
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        assertEquals("http://www.w3.org/2000/svg", doc.getDocumentElement().getNamespaceURI());
        assertEquals(0, doc.getElementsByTagName("script").getLength());
        assertFalse(svg.contains("href"));
        // bars: elementwise 2 (vs scalar, loop), reduction 2, matmul 3, end to end 2 x 1; each bar has a <title>
        assertEquals(9, doc.getElementsByTagName("title").getLength());
        assertTrue(svg.contains("<title>simd vs ejml: 1.07×</title>"), svg);
        assertTrue(svg.contains("<title>simd vs scalar: 10.9×</title>"), svg);
    }

    @Test
    void writeCreatesMarkdownAndSvgThatReferencesIt(@TempDir Path dir) throws Exception {
        sampleReport().write(dir);
        assertTrue(Files.readString(dir.resolve("report.md")).contains("![Speedup of the SIMD backend](speedups.svg)"));
        assertTrue(Files.readString(dir.resolve("speedups.svg")).startsWith("<svg "));
    }

    @Test
    void compareMatchesMeasurementsAndPrintsRatios(@TempDir Path dir) throws Exception {
        Path a = resource("sample-results.json");
        Path b = dir.resolve("b.json");
        // B: the simd add score halved, one measurement dropped
        String text = Files.readString(a).replace("5992.89815796235", "2996.449078981175");
        List<Result> bResults = Result.load(Files.writeString(b, text));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Report.compare(Result.load(a), bResults.subList(0, 15), "a.json", "b.json",
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("| KernelMapBenchmark.run dtype=float32 impl=simd layout=contiguous n=1024 op=add "
                + "| 5.99 µs ±676% | 3.00 µs ±1352% | 2.00× |"), out);
        assertTrue(out.contains("| KernelMapBenchmark.run dtype=float32 impl=loop layout=contiguous n=1024 op=add "
                + "| 1.41 µs ±228% | 1.41 µs ±228% | 1.00× |"), out);
        // 15 matched: fourteen at 1 and one at 2; geomean 2^(1/15) = 1.047
        assertTrue(out.contains("15 measurements in both; geometric mean of B faster by: 1.05×"), out);
        assertTrue(out.contains("only in A: EndToEndBenchmark.tensorAdd1024 backend=simd"), out);
    }

    @Test
    void helperBenchmarksNameTheImplementationInTheMethod() {
        String pkg = "org.vectorgrad.bench.";
        List<Result> rs = List.of(
                // 2 * 1024^3 FLOP in 100 ms = 21.47 GFLOP/s; in 50 ms = 42.95
                new Result(pkg + "MatmulBenchmark.simd1Thread", java.util.Map.of("n", "1024"), 1e8, 1e6, "us/op", "", List.of(), ""),
                new Result(pkg + "MatmulBenchmark.simd2Threads", java.util.Map.of("n", "1024"), 5e7, 1e6, "us/op", "", List.of(), ""),
                new Result(pkg + "MatmulBenchmark.ejml", java.util.Map.of("n", "1024"), 1e9, 1e7, "us/op", "", List.of(), ""),
                // 65536 elements in 131072 ns = 2 ns/element; SVML in 65536 ns = 1
                new Result(pkg + "ElementwiseKernelBenchmark.sin",
                        java.util.Map.of("backend", "simd", "size", "65536", "threads", "0"), 131072, 0, "ns/op", "", List.of(), ""),
                new Result(pkg + "ElementwiseKernelBenchmark.svmlSin",
                        java.util.Map.of("backend", "simd", "size", "65536", "threads", "0"), 65536, 0, "ns/op", "", List.of(), ""));
        String md = new Report(rs, new Machine(java.util.Map.of("cache.L3", "33554432"))).markdown();
        assertTrue(md.contains("| n | dtype | threads | fits in | ejml | simd | simd vs ejml |"), md);
        assertTrue(md.contains("| 1024 | float32 | 1 | L3 | 2.15 ±1% | 21.5 ±1% | **10.0×** |"), md);
        assertTrue(md.contains("| 1024 | float32 | 2 | L3 | — | 42.9 ±2% | — |"), md);
        assertTrue(md.contains("| sin | 65536 | all | L3 | 1.00 ±0% | 2.00 ±0% | **0.5×** | 4.00 |"), md);
    }
}
