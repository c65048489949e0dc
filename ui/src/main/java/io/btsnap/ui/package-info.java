/**
 * {@code btsnap ui}: a local, read-only web page over a store, served by the JDK's HTTP server
 * ({@link io.btsnap.ui.UiServer}). Every asset is in the jar; every request needs the token
 * printed at start.
 *
 * <p>Threads: a server answers requests on its own small pool of threads, sharing the store.
 * Errors: starting throws {@link java.io.IOException} (a port in use is a {@link
 * java.net.BindException}); a failed request becomes an error page, never a thrown exception.
 */
package io.btsnap.ui;
