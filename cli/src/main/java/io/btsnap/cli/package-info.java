/**
 * The btsnap command line: one picocli command class per command, built by {@link
 * io.btsnap.cli.Main#commandLine}. Commands use only the public API of the store ({@code
 * io.btsnap.store}, {@code io.btsnap.store.model}), the capture pipeline ({@code
 * io.btsnap.capture.pipeline}) and the service's client ({@code io.btsnap.serve}), print only
 * through the command line's writers, and leave exit codes and error lines to {@link
 * io.btsnap.cli.output.ErrorHandlers}. This package registers the subcommand packages; they never
 * import it back, and share its options through {@code io.btsnap.cli.options}.
 */
package io.btsnap.cli;
