/**
 * Runs shared through S3-compatible object storage: push and pull, no server of btsnap's own.
 *
 * <pre>
 * s3://bucket/prefix/blobs/ab/&lt;sha256&gt;     one object per content, named by its hash
 * s3://bucket/prefix/manifests/&lt;sha256&gt;    one object per manifest (its entries, JSON)
 * s3://bucket/prefix/runs/&lt;sha256&gt;.json    one segment per push: the run records it added
 * s3://bucket/prefix/leases/                 one per push in flight: what remote gc must spare
 * s3://bucket/prefix/gc/                     remote gc's marks, sweeps in progress, tombstones, epoch
 * </pre>
 *
 * Push writes blobs, then manifests, then the segment, so whoever sees a run can fetch its code.
 * Every PUT carries Content-MD5 (the server rejects a corrupted upload) and If-None-Match: *
 * (an object already there is kept); every download is re-hashed against its SHA-256 name.
 * Remote gc deletes in two phases, around the pushes' leases ({@link RemoteGc}).
 *
 * <p>That is a plain remote. An encrypted one keeps the same objects under {@code
 * prefix/btsnap/}, with keyed names and sealed bodies, beside its config and key objects
 * ({@link EncryptedLayout}); push, pull and gc name objects the same way in both, and {@link
 * ObjectStore} applies the remote's {@link BucketLayout}.
 *
 * <p>Threads: a {@link Remote} may be used by one push, pull or gc at a time per thread; its
 * object store and unlocked keys are shared and thread-safe. Failures are {@link
 * RemoteException}s with one line; {@link ObjectAuthenticationException} marks a sealed object
 * that failed authentication.
 */
package io.btsnap.remote;
