/**
 * What the commands of every level share: the top-level command's options as {@link
 * io.btsnap.cli.options.GlobalOptions}, and the mixins {@code --json} and the retention rules of
 * {@code store gc} and {@code remote gc}. It sits below {@code io.btsnap.cli} and its subcommand
 * packages, so that a subcommand never imports the package that registers it.
 *
 * <p>Threads: one command line per thread; picocli fills these objects before the command runs.
 * Errors: a bad combination of options is a picocli {@code ParameterException} (exit code 2).
 */
package io.btsnap.cli.options;
