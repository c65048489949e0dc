/**
 * Line diffs of text files ({@code diff -u}), for {@code btsnap diff --patch} and the web
 * page's comparison of two runs. No domain types.
 *
 * <p>Threads: stateless static methods. Errors: none thrown; content that is not text, or a diff
 * too large to read, is reported in the result.
 */
package io.btsnap.diff;
