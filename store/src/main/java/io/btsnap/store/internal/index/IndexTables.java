package io.btsnap.store.internal.index;

import org.lmdbjava.Dbi;

/** The named databases of the index environment. */
record IndexTables(
    Dbi<byte[]> runs, Dbi<byte[]> manifests, Dbi<byte[]> manifestRefs, Dbi<byte[]> blobs, Dbi<byte[]> strings) {}
