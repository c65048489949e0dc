/**
 * Entry-point detectors: {@code $BTSNAP_ENTRY}, the process tree, the driver's record
 * ({@code $BTSNAP_DRIVER}) and the calling thread's stack.
 * Each takes its inputs (environment, {@code /proc} root, source roots) in its constructor, so
 * tests can supply them; none throws for "not found", they return empty.
 */
package io.btsnap.capture.detect;
