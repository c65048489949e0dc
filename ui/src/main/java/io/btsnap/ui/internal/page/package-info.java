/**
 * The pages of {@code btsnap ui}: the runs table and its live feed, one run, a sweep's heatmap,
 * the comparison of two runs. Each page reads the store and returns HTML built from escaped
 * text; none writes. Used by {@code io.btsnap.ui} only.
 *
 * <p>Threads: pages hold only the store, which is shared by the server's threads. Errors: a
 * request the page cannot answer is an {@link io.btsnap.ui.internal.http.HttpError}; reading
 * the store throws {@link java.io.IOException}.
 */
package io.btsnap.ui.internal.page;
