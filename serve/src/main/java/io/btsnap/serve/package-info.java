/**
 * The warm capture service: one long-lived process per store and user that captures for clients
 * on a Unix domain socket, so a Python backtest pays a socket round trip instead of a JVM start.
 * {@link io.btsnap.serve.ServiceFolder} says where its socket and locks live, {@link
 * io.btsnap.serve.Frames} how messages are framed, {@link io.btsnap.serve.CaptureRequests} how
 * a request reads, {@link io.btsnap.serve.CaptureService} serves through the one capture
 * pipeline, and {@link io.btsnap.serve.ServiceCapture} is the client the CLI forwards through.
 */
package io.btsnap.serve;
