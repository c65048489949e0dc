/**
 * Runs shared through S3-compatible object storage: push and pull, no server of btsnap's own.
 *
 * <pre>
 * s3://bucket/prefix/btsnap-remote.yaml   format version
 * s3://bucket/prefix/blobs/ab/&lt;sha256&gt;     one object per content, named by its hash
 * s3://bucket/prefix/manifests/&lt;sha256&gt;    one object per manifest (its entries, JSON)
 * s3://bucket/prefix/runs/&lt;sha256&gt;.json    one segment per push: the run records it added
 * s3://bucket/prefix/leases/                 one per push in flight: what remote gc must spare
 * s3://bucket/prefix/gc/                     remote gc's marks, sweeps in progress, dropped runs
 * </pre>
 *
 * Push writes blobs, then manifests, then the segment, so whoever sees a run can fetch its code.
 * Every PUT carries Content-MD5 (the server rejects a corrupted upload) and If-None-Match: *
 * (an object already there is kept); every download is re-hashed against its SHA-256 name.
 * Remote gc deletes in two phases, around the pushes' leases ({@link RemoteGc}).
 */
package io.btsnap.remote;
