/** How runs are named by users and changed after their capture; used by {@code io.btsnap.store} only. */
package io.btsnap.store.internal.runs;
