/** Export of runs to a plain .tar.gz and import back, checked entry by entry before any write. */
package io.btsnap.store.internal.archive;
