package io.btsnap.remote;

import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The objects of one remote, through the AWS SDK: put-if-absent with Content-MD5, get, list.
 * Every failure becomes a {@link RemoteException} with one line that names the remote and what
 * went wrong (credentials, bucket, endpoint), never a stack of SDK text.
 *
 * <p>Push, pull and gc name objects ({@code blobs/…}, {@code runs/…}); the remote's {@link
 * BucketLayout} places them under the prefix and seals their bodies. For an encrypted remote
 * the layout is unlocked on the first object call, once for this object store's life. The
 * {@code raw} methods take keys relative to the prefix and bytes as stored, for the config and
 * key objects that come before any layout.
 */
final class ObjectStore implements AutoCloseable {
  private final RemoteSpec spec;
  private final S3Client s3;
  private final Passphrase passphrase;
  private volatile BucketLayout layout;
  /** Requests sent, for the push report and its benchmark. */
  private final java.util.concurrent.atomic.AtomicLong requests = new java.util.concurrent.atomic.AtomicLong();

  ObjectStore(RemoteSpec spec) {
    this(spec, Credentials.DEFAULT, Passphrase.NONE);
  }

  ObjectStore(RemoteSpec spec, Credentials credentials, Passphrase passphrase) {
    this.spec = spec;
    this.passphrase = passphrase;
    this.layout = spec.encrypted() ? null : PlainLayout.INSTANCE;
    var builder = S3Client.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .region(Region.of(spec.region().orElse("us-east-1")))
        .forcePathStyle(spec.pathStyle())
        // S3-compatible servers reject the SDK's default trailing checksums; Content-MD5 and our
        // own SHA-256 check of every download do the job on all of them.
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    spec.endpoint().ifPresent(builder::endpointOverride);
    provider(credentials).ifPresent(builder::credentialsProvider);
    this.s3 = builder.build();
  }

  /** The provider for credentials given from another process's environment; empty: the SDK's default chain. */
  private static Optional<AwsCredentialsProvider> provider(Credentials credentials) {
    Optional<String> key = credentials.get("AWS_ACCESS_KEY_ID");
    Optional<String> secret = credentials.get("AWS_SECRET_ACCESS_KEY");
    if (key.isPresent() && secret.isPresent()) {
      Optional<String> token = credentials.get("AWS_SESSION_TOKEN");
      return Optional.of(StaticCredentialsProvider.create(token.isPresent()
          ? AwsSessionCredentials.create(key.get(), secret.get(), token.get()) : AwsBasicCredentials.create(key.get(), secret.get())));
    }
    return credentials.get("AWS_PROFILE").map(ProfileCredentialsProvider::create);
  }

  long requests() {
    return requests.get();
  }

  /** The time the unlock spent deriving keys from the passphrase; zero for a plain remote or before it. */
  long unlockMillis() {
    return layout instanceof EncryptedLayout e ? e.deriveNanos() / 1_000_000 : 0;
  }

  RemoteSpec spec() {
    return spec;
  }

  /**
   * The remote's layout; for an encrypted remote, unlocked now if not yet (the passphrase is
   * read and argon2id runs once for this object store).
   */
  BucketLayout layout() throws RemoteException {
    BucketLayout known = layout;
    if (known != null) {
      return known;
    }
    synchronized (this) {
      if (layout == null) {
        layout = EncryptedLayout.unlock(this, passphrase);
      }
      return layout;
    }
  }

  /** Writes object {@code name} unless it exists; returns whether it wrote. */
  boolean putIfAbsent(String name, byte[] body) throws RemoteException {
    BucketLayout l = layout();
    return rawPutIfAbsent(l.root() + name, l.seal(name, body));
  }

  /** Writes object {@code name} whatever is there: for the objects one writer owns (its lease, gc's objects). */
  void put(String name, byte[] body) throws RemoteException {
    BucketLayout l = layout();
    rawPut(l.root() + name, l.seal(name, body));
  }

  /** Deletes object {@code name}; deleting what is not there is no error. */
  void delete(String name) throws RemoteException {
    rawDelete(layout().root() + name);
  }

  /** Reads object {@code name}; empty when it does not exist; throws when it fails authentication. */
  Optional<byte[]> get(String name) throws RemoteException {
    BucketLayout l = layout();
    Optional<byte[]> stored = rawGet(l.root() + name);
    return stored.isEmpty() ? stored : Optional.of(l.open(name, stored.get()));
  }

  /** Lists the object names under {@code folder}, following every page. */
  List<String> list(String folder) throws RemoteException {
    return listing(folder).objects().stream().map(Listed::key).toList();
  }

  /** What is under {@code folder}, by object name, and the server's clock when it answered. */
  Listing listing(String folder) throws RemoteException {
    String root = layout().root();
    Listing raw = rawListing(root + folder);
    return new Listing(raw.objects().stream().map(o -> new Listed(o.key().substring(root.length()), o.modified(), o.size()))
        .toList(), raw.serverTime());
  }

  /** Returns whether anything is under {@code folder} (relative to the prefix), in one request. */
  boolean rawHoldsAny(String folder) throws RemoteException {
    requests.incrementAndGet();
    try {
      return s3.listObjectsV2(ListObjectsV2Request.builder().bucket(spec.bucket()).prefix(spec.prefix() + folder).maxKeys(2).build())
          .contents().stream().anyMatch(o -> !o.key().endsWith("/"));
    } catch (SdkException e) {
      throw failed("list " + folder, e);
    }
  }

  /** Writes {@code key} unless it exists; returns whether it wrote. */
  boolean rawPutIfAbsent(String key, byte[] content) throws RemoteException {
    requests.incrementAndGet();
    byte[] md5 = md5(content);
    try {
      s3.putObject(PutObjectRequest.builder().bucket(spec.bucket()).key(spec.prefix() + key).ifNoneMatch("*")
          .contentMD5(Base64.getEncoder().encodeToString(md5)).build(), RequestBody.fromBytes(content));
      return true;
    } catch (AwsServiceException e) {
      if (e.statusCode() == 412) {
        return false; // already there: content-addressed, so the same bytes
      }
      throw failed("write " + key, e);
    } catch (SdkClientException e) {
      // A server may answer 412 before reading the body and close the connection: the client
      // then fails writing it. The object is there if a HEAD finds it with our bytes' MD5.
      if (holds(key, md5)) {
        return false;
      }
      throw failed("write " + key, e);
    } catch (SdkException e) {
      throw failed("write " + key, e);
    }
  }

  private boolean holds(String key, byte[] md5) {
    requests.incrementAndGet();
    try {
      String etag = s3.headObject(HeadObjectRequest.builder().bucket(spec.bucket()).key(spec.prefix() + key).build()).eTag();
      return etag != null && etag.replace("\"", "").equalsIgnoreCase(java.util.HexFormat.of().formatHex(md5));
    } catch (SdkException e) {
      return false;
    }
  }

  /** Writes {@code key} whatever is there. */
  void rawPut(String key, byte[] content) throws RemoteException {
    requests.incrementAndGet();
    try {
      s3.putObject(PutObjectRequest.builder().bucket(spec.bucket()).key(spec.prefix() + key)
          .contentMD5(Base64.getEncoder().encodeToString(md5(content))).build(), RequestBody.fromBytes(content));
    } catch (SdkException e) {
      throw failed("write " + key, e);
    }
  }

  /** Deletes {@code key}; deleting what is not there is no error. */
  void rawDelete(String key) throws RemoteException {
    requests.incrementAndGet();
    try {
      s3.deleteObject(DeleteObjectRequest.builder().bucket(spec.bucket()).key(spec.prefix() + key).build());
    } catch (NoSuchKeyException e) {
      // gone already
    } catch (SdkException e) {
      throw failed("delete " + key, e);
    }
  }

  /** Reads {@code key}; empty when it does not exist. */
  Optional<byte[]> rawGet(String key) throws RemoteException {
    requests.incrementAndGet();
    try {
      return Optional.of(s3.getObjectAsBytes(GetObjectRequest.builder().bucket(spec.bucket()).key(spec.prefix() + key).build())
          .asByteArray());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw failed("read " + key, e);
    }
  }

  /** One listed object: its key (relative to the prefix), when the server last wrote it, its size. */
  record Listed(String key, Instant modified, long size) {}

  /**
   * What is under {@code folder}, and the server's clock when it answered: leases and gc marks
   * are aged by the server's clock alone, so the clocks of workers never matter.
   */
  record Listing(List<Listed> objects, Instant serverTime) {}

  Listing rawListing(String folder) throws RemoteException {
    List<Listed> objects = new ArrayList<>();
    String token = null;
    Instant serverTime = null;
    try {
      do {
        requests.incrementAndGet();
        ListObjectsV2Response page = s3.listObjectsV2(ListObjectsV2Request.builder().bucket(spec.bucket())
            .prefix(spec.prefix() + folder).continuationToken(token).build());
        if (serverTime == null) {
          serverTime = page.sdkHttpResponse().firstMatchingHeader("Date")
              .map(d -> ZonedDateTime.parse(d, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant())
              .orElseGet(Instant::now);
        }
        for (S3Object o : page.contents()) {
          if (o.key().endsWith("/")) {
            continue; // a folder marker (filesystem-backed servers list emptied folders); btsnap writes none
          }
          objects.add(new Listed(o.key().substring(spec.prefix().length()), o.lastModified(), o.size()));
        }
        token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
      } while (token != null);
    } catch (SdkException | java.time.format.DateTimeParseException e) {
      throw e instanceof SdkException s ? failed("list " + folder, s)
          : new RemoteException("remote " + spec.name() + ": the server sent an unreadable Date header", e);
    }
    return new Listing(objects, serverTime);
  }

  private RemoteException failed(String what, SdkException e) {
    String why;
    if (e instanceof AwsServiceException s) {
      why = answer(s);
    } else if (e instanceof SdkClientException && e.getMessage() != null && e.getMessage().contains("credentials")) {
      why = "no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE";
    } else {
      // Only a write has a body a refusing server may not wait for.
      Optional<String> refused = what.startsWith("write ") ? refusal() : Optional.empty();
      why = refused.orElseGet(() -> "cannot reach " + spec.endpoint().map(URI::toString).orElse("S3") + ": "
          + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
    }
    return new RemoteException("remote " + spec.name() + " (" + spec.url() + "): cannot " + what + ": " + why, e);
  }

  /** What the server's error answer means for the user. */
  private String answer(AwsServiceException s) {
    String code = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
    return switch (code == null ? "" : code) {
      case "NoSuchBucket" -> "bucket " + spec.bucket() + " does not exist";
      case "InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied" ->
          "the server refused the credentials (" + code + "): check AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the profile";
      default -> "the server answered " + s.statusCode() + (code == null ? "" : " " + code);
    };
  }

  /**
   * After a write failed without an answer, the answer to a request without a body. A server
   * that refuses a write's credentials may answer and close before the body is sent, and the
   * HTTP client then reports only that it could not write the body.
   */
  private Optional<String> refusal() {
    try {
      requests.incrementAndGet();
      s3.listObjectsV2(ListObjectsV2Request.builder().bucket(spec.bucket()).prefix(spec.prefix()).maxKeys(1).build());
      return Optional.empty();
    } catch (AwsServiceException s) {
      return Optional.of(answer(s));
    } catch (SdkException unreachable) {
      return Optional.empty();
    }
  }

  private static byte[] md5(byte[] content) {
    try {
      return MessageDigest.getInstance("MD5").digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    s3.close();
  }
}
