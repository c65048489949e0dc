/**
 * The HTTP side of {@code btsnap ui}: who may ask (token, cookie, {@code Host}), what a reply
 * carries (the security headers every response gets), query strings and HTML escaping. Used by
 * {@code io.btsnap.ui} and its pages only.
 *
 * <p>Threads: {@link io.btsnap.ui.internal.http.Guard} is immutable and shared by the server's
 * threads; the other types are values. Errors: a request that must be refused is an {@link
 * io.btsnap.ui.internal.http.HttpError} carrying its status and a one-line message.
 */
package io.btsnap.ui.internal.http;
