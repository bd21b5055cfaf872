package org.vectorgrad.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The fixed mapping from (seed, epoch, partition, step) to a batch's examples. */
class BatchPlanTest {

    @Test
    void batchesCoverEachPartitionOncePerEpochInAnOrderFixedBySeedEpochAndPartition() {
        BatchPlan plan = new BatchPlan(4, 42, true);
        assertEquals(3, plan.batches(10));
        int[] all = new int[0];
        for (int step = 0; step < 3; step++) {
            int[] b = plan.batch(1, 2, 10, step);
            assertEquals(step < 2 ? 4 : 2, b.length);
            int[] joined = Arrays.copyOf(all, all.length + b.length);
            System.arraycopy(b, 0, joined, all.length, b.length);
            all = joined;
        }
        assertArrayEquals(plan.order(1, 2, 10), all);
        int[] sorted = all.clone();
        Arrays.sort(sorted);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, sorted);
        assertEquals(0, plan.batch(1, 2, 10, 3).length);
        // The same (seed, epoch, partition) gives the same order in any JVM; another epoch, partition or seed another one.
        assertArrayEquals(plan.order(1, 2, 10), new BatchPlan(4, 42, true).order(1, 2, 10));
        assertFalse(Arrays.equals(plan.order(1, 2, 10), plan.order(2, 2, 10)));
        assertFalse(Arrays.equals(plan.order(1, 2, 10), plan.order(1, 3, 10)));
        assertFalse(Arrays.equals(plan.order(1, 2, 10), new BatchPlan(4, 43, true).order(1, 2, 10)));
        assertArrayEquals(new int[] {4, 5, 6, 7}, new BatchPlan(4, 42, false).batch(5, 0, 10, 1));
    }

    @Test
    void aBatchSizeBelowOneIsPyTorchsError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BatchPlan(0, 0, true));
        assertEquals("batch_size should be a positive integer value, but got batch_size=0", e.getMessage());
    }
}
