/**
 * Selection of the files a capture takes: the project root, safe relative paths, and (per mode)
 * the entry, its imports, or the files {@code strategy.yaml} lists.
 *
 * <p>Threads: classes are stateless or immutable. Errors: a selection that can't be made throws
 * {@link io.btsnap.capture.SelectionException} naming the file.
 */
package io.btsnap.capture;
