/**
 * {@code btsnap serve}: the command line over the capture service of module {@code serve/}
 * (start it in the foreground, ask its status, stop it).
 */
package io.btsnap.cli.serve;
