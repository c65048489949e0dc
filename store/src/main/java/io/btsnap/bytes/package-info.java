/** Byte counts for people, as {@code du -h} prints them; used by every message that names a size. */
package io.btsnap.bytes;
