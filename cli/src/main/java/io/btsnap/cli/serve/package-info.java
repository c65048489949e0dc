/**
 * The warm capture service ({@code btsnap serve}): one long-lived process per store and user
 * that captures for clients on a Unix domain socket, so a Python backtest pays a socket round
 * trip instead of a JVM start. {@link io.btsnap.cli.serve.ServiceFolder} says where its socket and
 * locks live, {@link io.btsnap.cli.serve.Frames} how messages are framed, {@link
 * io.btsnap.cli.serve.CaptureService} serves, and {@link io.btsnap.cli.serve.ServeCommand} is the
 * command line over both sides.
 */
package io.btsnap.cli.serve;
