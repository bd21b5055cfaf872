package org.vectorgrad.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every expected value below was printed by PyTorch 1.13 (CPU, AVX2) with {@code float.hex} /
 * {@code .tolist()}, so the assertions compare exact bits.
 */
class CpuGeneratorTest {

    /** One step of a mixed call sequence after {@code torch.manual_seed(seed)}. */
    private interface Step {
        String[] run(CpuGenerator g);
    }

    private static final Step[] SEQUENCE = {
        g -> floats(g, 3, false),                       // torch.rand(3)
        g -> floats(g, 5, true),                        // torch.randn(5): scalar path, caches the 6th normal
        g -> floats(g, 20, true),                       // torch.randn(20): blocks of 16, tail redrawn
        g -> floats(g, 17, true),                       // torch.randn(17)
        g -> doubles(g, 6, false),                      // torch.rand(2, 3, dtype=float64)
        g -> doubles(g, 4, true),                       // torch.randn(4, dtype=float64): starts with the cache
        g -> ints(g, 6, 0, 10),                         // torch.randint(0, 10, (6,))
        g -> ints(g, 3, -5, 5),                         // torch.randint(-5, 5, (3,))
        g -> floats(g, 1, true),                        // torch.randn(1)
        g -> floats(g, 1, true),                        // torch.randn(1): the cached sine half
        g -> doubles(g, 1, true),                       // torch.randn(1, dtype=float64)
        g -> doubles(g, 20, true),                      // torch.randn(20, dtype=float64)
        g -> ints(g, 3, -(1L << 40), 1L << 40),         // torch.randint(-2**40, 2**40, (3,)): random64()
    };

    static Stream<Arguments> sequences() {
        return Stream.of(
            Arguments.of(0L, new String[][] {
                    {"0x1.fc2ab00000000p-2", "0x1.89545e0000000p-1", "0x1.6a67500000000p-4"},
                    {"0x1.7515120000000p-2", "0x1.133e620000000p-3", "0x1.50509c0000000p-3", "0x1.39196a0000000p-2",
                    "0x1.ae0a7a0000000p-3"},
                    {"0x1.b364aa0000000p-1", "-0x1.5a47840000000p+0", "-0x1.b2288c0000000p+0", "0x1.2220080000000p-1",
                    "0x1.fcc0e00000000p-3", "0x1.c23fa00000000p-2", "0x1.cc6fac0000000p-4", "0x1.4815f00000000p-1",
                    "0x1.c3be780000000p-2", "-0x1.ba16840000000p-3", "-0x1.7c2f460000000p-1", "0x1.201d040000000p-1",
                    "0x1.ae242e0000000p-5", "0x1.0bb45e0000000p-1", "0x1.26aeaa0000000p+1", "-0x1.78096e0000000p+0",
                    "-0x1.96313c0000000p+0", "0x1.3406780000000p+0", "0x1.5a410e0000000p-4", "-0x1.333c560000000p+0"},
                    {"0x1.6c39540000000p-3", "-0x1.7a699c0000000p+0", "0x1.489b160000000p+1", "-0x1.e479840000000p-2",
                    "0x1.579a9e0000000p-2", "0x1.8255d00000000p+0", "0x1.0a7d840000000p+1", "0x1.b4eb0e0000000p+0",
                    "0x1.30afe20000000p+1", "-0x1.1125a00000000p+0", "0x1.1d6cae0000000p+0", "-0x1.2018580000000p-3",
                    "0x1.9c8bbc0000000p-1", "0x1.4f7a200000000p-2", "-0x1.857b6a0000000p-1", "-0x1.995d700000000p+0",
                    "0x1.2ee2b40000000p-6"},
                    {"0x1.7f541196a6fe7p-1", "0x1.5df53f08ad072p-2", "0x1.13923a7342f66p-1", "0x1.dd8ee57817616p-2",
                    "0x1.ba1ae5bafdc52p-1", "0x1.505bc02cf7800p-5"},
                    {"0x1.cfae3a655b308p-1", "0x1.075f269826e99p+1", "-0x1.222d129d54294p-5", "0x1.00e5759e72e67p-4"},
                    {"4", "0", "8", "1", "7", "8"},
                    {"0", "-1", "-1"},
                    {"-0x1.88594c0000000p-1"},
                    {"-0x1.edd8ee0000000p-1"},
                    {"-0x1.053ba2671e517p+0"},
                    {"0x1.66586c1a9d6d0p-3", "-0x1.08a72c1b251cdp+1", "-0x1.aa4f044e3a686p-2", "-0x1.048144bb27419p+1",
                    "-0x1.ea5e6f764ec90p+0", "-0x1.e9b8dfe48eef3p-1", "0x1.3c05c5e1cd2bcp-3", "0x1.1c717a6307f63p-3",
                    "0x1.5cadb0c3ca398p-3", "0x1.c49ef6d2ee4fep-1", "-0x1.616e5ad64627cp+0", "0x1.0a2f852fee559p-1",
                    "0x1.481f70594ccbep-1", "-0x1.7fc2a6898fb85p-3", "0x1.5b0636b2e67e3p-1", "-0x1.3fdbd811b454ep+0",
                    "0x1.1c991d747897dp-2", "0x1.971612b742105p-1", "0x1.b0559a22f8e3bp-1", "0x1.9c68e7a837faap-1"},
                    {"163995558163", "-349668264406", "494007600312"}}),
            Arguments.of(42L, new String[][] {
                    {"0x1.c3b8cc0000000p-1", "0x1.d47b660000000p-1", "0x1.880d700000000p-2"},
                    {"-0x1.a89c860000000p-1", "-0x1.9d1be60000000p+0", "-0x1.b7b7020000000p-3", "0x1.321c260000000p-2",
                    "-0x1.5e80160000000p-7"},
                    {"0x1.0a4ea20000000p-1", "0x1.a46ee20000000p+0", "-0x1.46db0a0000000p-3", "-0x1.fd55c80000000p-2",
                    "0x1.b7a5000000000p+0", "0x1.4688900000000p-2", "-0x1.b2b51a0000000p-2", "0x1.390ee80000000p-2",
                    "-0x1.8c97640000000p-1", "0x1.1e007e0000000p-5", "0x1.48cf3a0000000p-2", "0x1.92d7760000000p+0",
                    "-0x1.33c8e40000000p-1", "-0x1.462ec60000000p+0", "0x1.0fb76c0000000p+1", "-0x1.3c123a0000000p+0",
                    "-0x1.f39fb20000000p-2", "-0x1.6b05fa0000000p+0", "0x1.cae3ae0000000p-1", "0x1.98d32e0000000p-5"},
                    {"0x1.0d36ce0000000p-1", "0x1.62f7580000000p-2", "-0x1.9422820000000p-3", "-0x1.0df98a0000000p+0",
                    "0x1.472ab80000000p+0", "0x1.29a6cc0000000p-3", "0x1.d931760000000p-3", "0x1.1b92ec0000000p-7",
                    "-0x1.2368c60000000p-3", "0x1.2667100000000p-1", "-0x1.4890100000000p-1", "-0x1.1a6b440000000p+1",
                    "-0x1.8069420000000p-1", "0x1.68320a0000000p+1", "0x1.706c180000000p-2", "-0x1.6fdace0000000p-4",
                    "0x1.d571420000000p-2"},
                    {"0x1.b5f5c58c34044p-2", "0x1.2719ac83918a0p-2", "0x1.f67a32ea70631p-1", "0x1.b0f67c15f5d83p-1",
                    "0x1.89802d9ae07fap-2", "0x1.96c29a9dd51a8p-4"},
                    {"-0x1.3fca2bd9c405fp+0", "-0x1.60c66433f7544p-1", "-0x1.20709e699b05ap+0", "-0x1.249cf8d2d7aa5p-2"},
                    {"7", "1", "5", "7", "5", "8"},
                    {"0", "-1", "-4"},
                    {"-0x1.17f0560000000p+0"},
                    {"-0x1.6f7c560000000p-3"},
                    {"0x1.79ad7e4d7cb24p+0"},
                    {"0x1.0a82c7ffc87fcp-3", "-0x1.557718d65a301p+0", "0x1.2f2d909706fdcp+0", "0x1.2901114c209ffp-1",
                    "0x1.02aa66c6994d3p+0", "-0x1.4d841ba600c7bp+0", "-0x1.d7113f2a127a7p+0", "0x1.cbb6f295d056fp-4",
                    "0x1.d91a5ae9d5f73p-1", "-0x1.e749bf8c38dadp-1", "0x1.68bbed292332bp+0", "-0x1.0fc5edd528094p-1",
                    "-0x1.21aaed72c5028p-3", "-0x1.642f137e958b7p+0", "0x1.d4b00f74bdf90p-1", "0x1.212ee13a09315p+0",
                    "0x1.a32606d5133fap-2", "-0x1.f472b75203480p-2", "0x1.0d44045050900p+0", "0x1.bd8a78bc2eb2bp+0"},
                    {"607711224678", "113914270088", "-212912090098"}}),
            Arguments.of((1L << 40) + 7, new String[][] {
                    {"0x1.11e15e0000000p-1", "0x1.9726200000000p-3", "0x1.5184320000000p-1"},
                    {"-0x1.0aaa700000000p-5", "0x1.02d4760000000p+0", "0x1.c5809e0000000p+0", "0x1.b839d60000000p-2",
                    "-0x1.3640880000000p+0"},
                    {"-0x1.482b1a0000000p-2", "-0x1.9529820000000p+0", "-0x1.4c5b320000000p-2", "0x1.ed26760000000p+0",
                    "0x1.2630180000000p+1", "0x1.ea094c0000000p-1", "-0x1.52e04e0000000p-1", "-0x1.a82ade0000000p-1",
                    "-0x1.361bba0000000p-1", "-0x1.155ff00000000p-3", "0x1.7e86480000000p-1", "0x1.393fea0000000p-1",
                    "-0x1.0e82da0000000p+0", "-0x1.0bdd640000000p-2", "-0x1.0022c40000000p-2", "0x1.0092fe0000000p-1",
                    "0x1.0a46ee0000000p-2", "-0x1.a313d40000000p+0", "0x1.42fe760000000p-3", "0x1.953d1c0000000p-2"},
                    {"-0x1.891ab80000000p-2", "-0x1.3e41ae0000000p+0", "-0x1.b7be960000000p+0", "-0x1.2a2ed80000000p-1",
                    "-0x1.3b0e760000000p-1", "0x1.8cb3d60000000p+0", "0x1.32a3060000000p-1", "-0x1.467c640000000p-1",
                    "-0x1.2495b60000000p+1", "-0x1.9fbf100000000p-1", "-0x1.8bdb0c0000000p-2", "-0x1.0977e60000000p+0",
                    "0x1.2f1e860000000p-1", "-0x1.82e5060000000p-1", "0x1.9125ba0000000p-2", "0x1.7e74460000000p-1",
                    "0x1.6138c20000000p+0"},
                    {"0x1.6a9b690c0a3c2p-2", "0x1.ea827d78c7736p-2", "0x1.c7811bbbe0c4cp-3", "0x1.68085acceb1ecp-3",
                    "0x1.9d51efc791eb9p-1", "0x1.6b5cb964ece92p-2"},
                    {"0x1.97b22d9eae7f8p-1", "-0x1.ad445f0594ac2p+0", "-0x1.730a36de0484ap-1", "0x1.ed41fe6d4f789p-1"},
                    {"9", "5", "7", "9", "2", "9"},
                    {"-5", "-5", "-2"},
                    {"0x1.12ec6e0000000p-3"},
                    {"0x1.4f0cac0000000p+1"},
                    {"0x1.de70f4907d2b3p+0"},
                    {"0x1.2feb8779fac29p-2", "-0x1.1f4f07e8b817bp-1", "0x1.66a276d546d3cp-1", "0x1.6fd8db43d309fp-1",
                    "-0x1.4b5497ccc8bb8p-1", "-0x1.17c24ff177898p-4", "0x1.723fe9555f7d1p-2", "0x1.fa5046707516dp-3",
                    "0x1.240e69d58117cp-2", "0x1.98da9f6cf6655p-8", "0x1.8e1a155f91634p+0", "-0x1.9cc8afbf5b30fp-2",
                    "0x1.a378e3f56fa1cp-1", "-0x1.dc274896304fdp-1", "-0x1.a92228dae677bp-1", "0x1.95579f8321b94p-1",
                    "0x1.908c4157fb46ap+0", "0x1.059241de04b4cp+1", "0x1.78b8d1417150bp-1", "0x1.7368a0f51f60fp-1"},
                    {"998475805660", "-314405517649", "711750135753"}}));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("sequences")
    void mixedSequenceMatchesPyTorch(long seed, String[][] expected) {
        CpuGenerator g = new CpuGenerator(seed);
        for (int step = 0; step < SEQUENCE.length; step++) {
            assertArrayEquals(expected[step], SEQUENCE[step].run(g), "step " + step + " after seed " + seed);
        }
    }

    /** shared/reference/cases/029_rng_seed0: each call right after torch.manual_seed(0). */
    @Test
    void referenceCaseSeed0() {
        assertFloats(new double[] {0.49625658988952637, 0.7682217955589294, 0.08847743272781372,
                0.13203048706054688, 0.30742281675338745}, seeded(0, g -> floatArray(g, 5, false)));
        float[] randn5 = seeded(0, g -> floatArray(g, 5, true));
        assertFloats(new double[] {1.5409960746765137, -0.293428897857666, -2.1787893772125244,
                0.5684312582015991, -1.0845223665237427}, randn5);
        assertArrayEquals(java.util.Arrays.copyOf(randn5, 4), seeded(0, g -> floatArray(g, 4, true)));   // randn(2,2)
        assertFloats(new double[] {-1.1258398294448853, -1.152360200881958, -0.2505785822868347,
                -0.4338788092136383, 0.8487103581428528, 0.6920091509819031, -0.31601276993751526,
                -2.1152193546295166, 0.32227492332458496, -1.2633347511291504, 0.34998318552970886,
                0.30813392996788025, 0.11984150856733322, 1.237657904624939, 1.1167771816253662,
                -0.2472781538963318}, seeded(0, g -> floatArray(g, 16, true)));
        assertFloats(new double[] {0.49625658988952637, 0.7682217955589294, 0.08847743272781372,
                0.3643381893634796, 0.13439632952213287, 0.16421625018119812}, seeded(0, g -> {
                    float[] x = new float[6];
                    g.uniform(x, 0, 3, 0, 1);
                    g.normal(x, 3, 3, 0, 1);
                    return x;
                }));
        CpuGenerator g = new CpuGenerator(0);
        double[] rand2 = new double[2];
        g.uniform(rand2, 0, 2, 0, 1);
        assertArrayEquals(new double[] {0.9700530018065531, 0.707819864399788}, rand2);
        g.manualSeed(0);
        double[] randn3 = new double[3];
        g.normal(randn3, 0, 3, 0, 1);
        assertArrayEquals(new double[] {1.5409961082440433, -0.2934289057609464, -2.1787893820745574}, randn3);
    }

    /** shared/reference/seed_000: x = torch.rand(100) * 20 - 10 after torch.manual_seed(0). */
    @Test
    void seed000NotebookInput() {
        float[] x = seeded(0, g -> floatArray(g, 100, false));
        for (int i = 0; i < x.length; i++) {
            x[i] = x[i] * 20f - 10f;
        }
        assertFloats(new double[] {
            -0.07486820220947266, 5.364436149597168, -8.230451583862305, -7.3593902587890625,
            -3.851543426513672, 2.6815738677978516, -0.19813156127929688, 7.92889404296875,
            -0.8874406814575195, 2.6461257934570312, -3.0221309661865234, -1.9656543731689453,
            -9.553484916687012, -6.622820854187012, -4.1222310066223145, 0.3704357147216797,
            3.9533519744873047, 6.0002288818359375, -6.7794108390808105, -4.354628562927246,
            3.632171630859375, 8.303878784179688, -2.0580015182495117, 7.483118057250977,
            -1.6118335723876953, 1.058140754699707, 9.05476188659668, -9.276703834533691,
            -6.295379638671875, -2.5316524505615234, -3.8979997634887695, 8.640007019042969,
            -6.4817962646484375, -4.603328704833984, -6.9864044189453125, -9.365610122680664,
            -5.837404727935791, 8.595979690551758, 4.462183952331543, 4.8467254638671875,
            0.5259151458740234, -5.126834869384766, 1.6918468475341797, -9.336947441101074,
            -7.2256622314453125, -5.155300140380859, 6.309379577636719, 5.863212585449219,
            -4.434950351715088, -0.3608236312866211, 6.395606994628906, 9.94133186340332,
            3.9688215255737305, 1.3509283065795898, 6.704862594604492, -5.888023376464844,
            1.8634405136108398, -7.753055095672607, -6.930861473083496, -5.165835380554199,
            4.524730682373047, 4.021604537963867, -5.923524856567383, 3.0210704803466797,
            5.489720344543457, -1.2621736526489258, 0.38181495666503906, 2.317047119140625,
            6.203765869140625, 9.601940155029297, -7.706235885620117, -3.6646976470947266,
            3.9300994873046875, 8.285493850708008, 8.702072143554688, 8.823568344116211,
            1.9901456832885742, -8.695826530456543, 0.9199247360229492, -6.256053447723389,
            -9.319541931152344, 8.884923934936523, 7.603597640991211, -9.975279808044434,
            1.871720314025879, -1.6845998764038086, -1.6456117630004883, -4.577569007873535,
            3.845561981201172, -5.923035144805908, 3.6659135818481445, 5.05708122253418, 7.158716201782227,
            3.7391109466552734, -9.89735221862793, -6.486968994140625, 4.99315071105957,
            2.0930137634277344, -7.800840377807617, -5.758194923400879}, x);
    }

    /**
     * Hashes of long draws: one wrong bit anywhere changes them. 1000 = 62 * 16 + 8 exercises the redrawn
     * tail; 100000 normals are enough to meet the rare inputs where one unfused multiply-add in the
     * float32 Box-Muller kernel changes the last bit.
     */
    @Test
    void longDrawsMatchPyTorchBitForBit() {
        assertEquals(1084054508024303L, hash(seeded(0, g -> floatArray(g, 1000, true))));
        assertEquals(-7806289150039528301L, hash(seeded(0, g -> floatArray(g, 100000, true))));
        assertEquals(836108195013528L, hash(seeded(42, g -> {
            float[] x = new float[1000];
            g.normal(x, 0, 1000, 1.5, 2.5);
            return x;
        })));
        assertEquals(8297956809832530887L, hash(seeded(42, g -> {
            float[] x = new float[100000];
            g.normal(x, 0, 100000, 1.5, 2.5);
            return x;
        })));
        assertEquals(994642179006645L, hash(seeded(7, g -> {
            float[] x = new float[1000];
            g.uniform(x, 0, 1000, -3.7, 5.1);
            return x;
        })));
        CpuGenerator g = new CpuGenerator(7);
        double[] d = new double[1000];
        g.uniform(d, 0, 1000, -3.7, 5.1);
        long h = 0;
        for (int i = 0; i < d.length; i++) {
            h += Double.doubleToRawLongBits(d[i]) * (i + 1);
        }
        assertEquals(4985274686087121782L, h);
    }

    @Test
    void serialNormalHonoursMeanAndStdAndStartsTheCacheAfterReseed() {
        CpuGenerator g = new CpuGenerator(3);
        float[] x = new float[7];
        g.normal(x, 0, 7, -2.0, 0.5);   // torch.empty(7).normal_(-2.0, 0.5)
        assertArrayEquals(hexFloats("-0x1.992e400000000p+0", "-0x1.e99f100000000p+0", "-0x1.f49c5e0000000p+0",
                "-0x1.2747280000000p+1", "-0x1.fa16b20000000p+0", "-0x1.57918e0000000p+1",
                "-0x1.d4ccf60000000p+0"), x);

        // randn(1) leaves the sine half cached; manual_seed must drop it, or the next randn(1) returns it
        g.manualSeed(0);
        float[] first = new float[1];
        g.normal(first, 0, 1, 0, 1);
        g.manualSeed(0);
        float[] again = new float[1];
        g.normal(again, 0, 1, 0, 1);
        assertEquals(1.5409960746765137f, first[0]);
        assertEquals(first[0], again[0]);
    }

    @Test
    void seedsKeepAll64BitsButOnlyTheLow32SeedTheStream() {
        CpuGenerator big = new CpuGenerator((1L << 40) + 7);
        assertEquals(1099511627783L, big.initialSeed());
        CpuGenerator small = new CpuGenerator(7);
        assertEquals(small.random64(), big.random64());

        CpuGenerator negative = new CpuGenerator(0);
        negative.manualSeed(-1);   // torch.manual_seed(-1); torch.initial_seed() == 2**64 - 1
        assertEquals("18446744073709551615", Long.toUnsignedString(negative.initialSeed()));
        float[] x = new float[2];
        negative.uniform(x, 0, 2, 0, 1);
        assertFloats(new double[] {0.9937993884086609, 0.5713063478469849}, x);
    }

    @Test
    void randintOverAlmostTheWholeInt64Range() {
        CpuGenerator g = new CpuGenerator(0);
        long[] r = new long[3];
        g.randint(r, 0, 3, 0, Long.MAX_VALUE);   // torch.randint(0, 2**63 - 1, (3,))
        assertArrayEquals(new long[] {900450186894289456L, 3969543146641149121L, 1895649597198586620L}, r);
    }

    @Test
    void fillsOnlyTheRequestedSliceAndConsumesTheSameStream() {
        CpuGenerator g = new CpuGenerator(0);
        float[] x = {-1f, -1f, -1f, -1f, -1f};
        g.uniform(x, 1, 3, 0, 1);
        assertArrayEquals(new float[] {-1f, 0.49625658988952637f, 0.7682217955589294f, 0.08847743272781372f, -1f}, x);
    }

    @Test
    void badArgumentsUsePyTorchsMessages() {
        CpuGenerator g = new CpuGenerator(0);
        assertEquals("uniform_ expects to return a [from, to) range, but found from=2 > to=1",
                assertThrows(IllegalArgumentException.class, () -> g.uniform(new float[3], 0, 3, 2, 1)).getMessage());
        assertEquals("uniform_ expects to-from <= std::numeric_limits<Float>::max(), but found to=3e+38 and "
                + "from=-3e+38 which result in to-from to exceed the limit",
                assertThrows(IllegalArgumentException.class,
                        () -> g.uniform(new float[3], 0, 3, -3e38, 3e38)).getMessage());
        assertEquals("normal expects std >= 0.0, but found std -1",
                assertThrows(IllegalArgumentException.class, () -> g.normal(new float[3], 0, 3, 0, -1)).getMessage());
        assertEquals("random_ expects 'from' to be less than 'to', but got from=5 >= to=5",
                assertThrows(IllegalArgumentException.class, () -> g.randint(new long[3], 0, 3, 5, 5)).getMessage());
        assertEquals("0.1", CpuGenerator.cppNumber(0.1));
        assertEquals("1.5e-07", CpuGenerator.cppNumber(1.5e-7));
        assertEquals("123457", CpuGenerator.cppNumber(123456.7));
    }

    // ---- helpers ----

    private interface Draw<T> {
        T run(CpuGenerator g);
    }

    private static <T> T seeded(long seed, Draw<T> draw) {
        return draw.run(new CpuGenerator(seed));
    }

    private static float[] floatArray(CpuGenerator g, int n, boolean normal) {
        float[] x = new float[n];
        if (normal) {
            g.normal(x, 0, n, 0, 1);
        } else {
            g.uniform(x, 0, n, 0, 1);
        }
        return x;
    }

    private static String[] floats(CpuGenerator g, int n, boolean normal) {
        float[] x = floatArray(g, n, normal);
        String[] s = new String[n];
        for (int i = 0; i < n; i++) {
            s[i] = pythonHex(x[i]);
        }
        return s;
    }

    private static String[] doubles(CpuGenerator g, int n, boolean normal) {
        double[] x = new double[n];
        if (normal) {
            g.normal(x, 0, n, 0, 1);
        } else {
            g.uniform(x, 0, n, 0, 1);
        }
        String[] s = new String[n];
        for (int i = 0; i < n; i++) {
            s[i] = pythonHex(x[i]);
        }
        return s;
    }

    private static String[] ints(CpuGenerator g, int n, long low, long high) {
        long[] x = new long[n];
        g.randint(x, 0, n, low, high);
        String[] s = new String[n];
        for (int i = 0; i < n; i++) {
            s[i] = Long.toString(x[i]);
        }
        return s;
    }

    /** Python's {@code float.hex}: 13 hex digits of fraction, always; lets failures show PyTorch's spelling. */
    private static String pythonHex(double v) {
        if (v == 0) {
            return (Double.doubleToRawLongBits(v) < 0 ? "-" : "") + "0x0.0p+0";
        }
        long bits = Double.doubleToRawLongBits(v);
        int exp = (int) ((bits >>> 52) & 0x7ff) - 1023;
        String fraction = String.format("%013x", bits & ((1L << 52) - 1));
        return (v < 0 ? "-" : "") + "0x1." + fraction + "p" + (exp >= 0 ? "+" : "") + exp;
    }

    private static float[] hexFloats(String... hex) {
        float[] f = new float[hex.length];
        for (int i = 0; i < hex.length; i++) {
            f[i] = (float) Double.parseDouble(hex[i]);
        }
        return f;
    }

    /** Compares bits: each expected double is a float32 value exactly, as .tolist() printed it. */
    private static void assertFloats(double[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, "length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits((float) expected[i]), Float.floatToRawIntBits(actual[i]),
                    "element " + i + ": expected " + expected[i] + " but was " + actual[i]);
        }
    }

    /** sum of bits * (index + 1) mod 2^64, the same fold the Python side computed over PyTorch's output. */
    private static long hash(float[] x) {
        long h = 0;
        for (int i = 0; i < x.length; i++) {
            h += (Float.floatToRawIntBits(x[i]) & 0xffffffffL) * (i + 1);
        }
        return h;
    }
}
