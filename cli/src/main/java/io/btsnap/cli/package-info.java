/**
 * The btsnap command line: one picocli command class per command, built by {@link
 * io.btsnap.cli.Main#commandLine}. Commands use only {@code io.btsnap.store} and {@code
 * io.btsnap.capture}, print only through the command line's writers, and leave exit codes and
 * error lines to {@link io.btsnap.cli.output.ErrorHandlers}.
 */
package io.btsnap.cli;
