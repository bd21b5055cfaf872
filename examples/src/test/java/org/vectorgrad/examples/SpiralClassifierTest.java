package org.vectorgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The nn/optim example learns the spirals (seeded, so the same run every time) and draws them. */
class SpiralClassifierTest {

    @Test
    void learnsTheSpiralsAndDrawsThem() {
        SpiralClassifier.Result r = SpiralClassifier.train(false);
        assertEquals(SpiralClassifier.STEPS, r.losses().size());
        // An untrained 2-class model starts near log(2); the trained one separates every point.
        assertTrue(Math.abs(r.losses().getFirst() - Math.log(2)) < 0.1, "first loss " + r.losses().getFirst());
        assertTrue(r.losses().getLast() < 0.02, "last loss " + r.losses().getLast());
        assertTrue(r.accuracy() >= 0.99, "accuracy " + r.accuracy());
        String svg = SpiralClassifier.svg(r);
        assertEquals(2 + 60 * 60, svg.split("<rect ").length - 1);   // background, loss frame, the grid cells
        assertEquals(2 * SpiralClassifier.POINTS_PER_CLASS, svg.split("<circle ").length - 1);
    }
}
