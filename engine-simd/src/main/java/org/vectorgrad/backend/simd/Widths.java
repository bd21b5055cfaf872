package org.vectorgrad.backend.simd;

import java.util.ArrayList;
import java.util.List;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector width every kernel uses, chosen once per JVM: the CPU's widest ({@code SPECIES_PREFERRED}),
 * or the one {@code -Dvectorgrad.simd.bits=128|256|512} forces, so that one machine can run the
 * narrower widths' paths too (the build runs the SIMD tests at the CPU's widest and again, in a
 * forked JVM, at 128 bits; Lucene's tests force a width the same way).
 *
 * <pre>{@code
 * java --add-modules jdk.incubator.vector -Dvectorgrad.simd.bits=128 ...   // every kernel on 4 floats
 * }</pre>
 *
 * <p>The species are {@code static final} because C2 only intrinsifies Vector API calls whose species
 * is a constant; a width chosen per backend instance would make every kernel slow. A forced width this
 * CPU lacks leaves the preferred species here and sets {@link #PROBLEM}, which {@link SimdBackend}'s
 * constructor raises: a mistyped or unsupported width fails loudly, it never quietly runs another.
 */
final class Widths {
    /** The system property that forces a width. */
    static final String PROPERTY = "vectorgrad.simd.bits";
    /** Narrower vectors hold fewer than 4 floats, where the scalar backend is as fast. */
    private static final int NARROWEST = 128;
    /** The widest vectors this CPU (and -XX:MaxVectorSize) offers. */
    private static final int WIDEST = VectorShape.preferredShape().vectorBitSize();

    /** Why the forced width cannot be used, or null. */
    static final String PROBLEM;
    /** The width in bits all kernels run at. */
    static final int BITS;
    static final VectorSpecies<Float> FLOATS;
    static final VectorSpecies<Double> DOUBLES;
    /**
     * Whether a vector store through an index map is one instruction: x86 has scatters from AVX-512
     * on (AVX2 gathers only); elsewhere the Vector API emulates it, boxing every vector into a fresh
     * array, several times slower than storing element by element, which {@code scatter} does then.
     */
    static final boolean SCATTERS = WIDEST >= 512;

    static {
        String forced = System.getProperty(PROPERTY);
        String problem = forced == null || forced.isBlank() ? null : check(forced.trim());
        BITS = forced == null || forced.isBlank() || problem != null ? WIDEST : Integer.parseInt(forced.trim());
        PROBLEM = problem;
        FLOATS = VectorSpecies.of(float.class, VectorShape.forBitSize(BITS));
        DOUBLES = VectorSpecies.of(double.class, VectorShape.forBitSize(BITS));
    }

    private Widths() {
    }

    /** The widths the kernels can run at on this CPU, narrowest first (empty below 128-bit vectors). */
    static List<Integer> available() {
        List<Integer> widths = new ArrayList<>();
        for (int bits = NARROWEST; bits <= WIDEST && bits <= 512; bits *= 2) {
            widths.add(bits);
        }
        return widths;
    }

    /** Null when {@code forced} names a width this CPU has, else the message. */
    static String check(String forced) {
        int bits;
        try {
            bits = Integer.parseInt(forced);
        } catch (NumberFormatException e) {
            bits = -1;
        }
        if (bits != 128 && bits != 256 && bits != 512) {
            return "-D" + PROPERTY + " must be 128, 256 or 512, got '" + forced + "'";
        }
        if (!available().contains(bits)) {
            return "-D" + PROPERTY + "=" + bits + ": this CPU has no " + bits + "-bit vectors; widths available here: "
                    + available();
        }
        return null;
    }
}
