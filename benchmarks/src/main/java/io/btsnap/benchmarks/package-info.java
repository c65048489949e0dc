/** JMH benchmarks of the store; run them from the shaded jar {@code benchmarks/target/btsnap-benchmarks.jar}. */
package io.btsnap.benchmarks;
