package org.vectorgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The Spark example runs in local[2]: a few epochs lower the loss on Spark as in one JVM. */
class SpiralClassifierOnSparkTest {

    @Test
    void trainsOnSparkAsInOneJvm() {
        SparkSession spark = SparkSession.builder().master("local[2]").appName("spiral-on-spark-test")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            SpiralClassifierOnSpark.Result r = SpiralClassifierOnSpark.run(JavaSparkContext.fromSparkContext(spark.sparkContext()), 4, 100, 1, 3);
            assertEquals(4, r.spark().size());
            assertEquals(400, r.spark().getLast().examples());
            assertEquals(2, r.spark().getLast().steps());
            // An untrained 2-class model starts near log(2); four epochs of Adam lower it on both sides alike.
            assertTrue(Math.abs(r.spark().getFirst().loss() - Math.log(2)) < 0.1, "first loss " + r.spark().getFirst().loss());
            assertTrue(r.spark().getLast().loss() < r.spark().getFirst().loss() - 0.02, "last loss " + r.spark().getLast().loss());
            assertEquals(r.oneJvm().getLast().loss(), r.spark().getLast().loss(), 1e-4);
            assertTrue(r.stepFloorMillis() > 0);
        } finally {
            spark.stop();
        }
    }
}
