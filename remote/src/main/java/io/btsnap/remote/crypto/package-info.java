/**
 * The cryptography of encrypted remotes: a repository's master key, the passphrase-wrapped key
 * objects that hold it in the bucket (argon2id), the sub-keys derived from it (HKDF-SHA256), the
 * keyed object names (HMAC-SHA256) and the sealed object bodies (AES-256-GCM). See
 * docs/remote.md, "Encrypted remotes", for the format and the threat model.
 *
 * <p>Knows nothing of buckets, runs or stores: it maps bytes to bytes. Every type is immutable
 * and safe to share between threads. A body that fails authentication throws {@link
 * javax.crypto.AEADBadTagException}; a passphrase that opens no key gives an empty result; the
 * caller names the object. Bouncy Castle is touched only by {@link Argon2id}, so a process that
 * never derives a passphrase key never loads it.
 */
package io.btsnap.remote.crypto;
