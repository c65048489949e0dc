/**
 * Write-once blob files: tmp, fsync, atomic rename, folder fsync, read back with a hash check.
 *
 * <p>Threads: stateless apart from the file system; concurrent writers of one blob both write
 * identical bytes, so whichever rename lands last changes nothing.
 */
package io.btsnap.store.internal.blob;
