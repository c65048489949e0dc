package io.btsnap.serve;

import io.btsnap.json.Json;
import io.btsnap.json.JsonReader;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A command line's capture sent to the store's warm service, when one of the same build runs:
 * the service has the index open and its code compiled, so the command pays for a JVM and a
 * socket instead of LMDB's native binding and a cold capture. Anything in the way (no service,
 * another build, a refused or broken connection) answers empty, and the command captures itself.
 */
public final class ServiceCapture {
  private ServiceCapture() {}

  /**
   * Whether a service may be listening for store {@code storeDir}: its socket exists. A stat or
   * two, so that a command with no service to talk to starts its own capture at once.
   */
  public static boolean mayServe(Path storeDir, Map<String, String> environment) {
    try {
      return Files.exists(ServiceFolder.of(storeDir, environment).socket());
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Sends {@code request} (a capture request as {@link CaptureRequests} reads it) to the service
   * of store {@code storeDir}; returns its parsed reply, or empty when no service of this build
   * took the request, and the command may capture itself. The reply comes only once the run is
   * durable, or is an error.
   *
   * @throws IOException when the service read the request and went without a reply: it may
   *     have stored the run, so capturing again could store it twice
   */
  public static Optional<Map<String, Object>> send(Path storeDir, Map<String, String> environment, Map<String, Object> request)
      throws IOException {
    Optional<JarStamp> ownJar = JarStamp.ofRunningCode();
    if (ownJar.isEmpty() || !Files.isRegularFile(storeDir.resolve("btsnap-store.yaml"))) {
      return Optional.empty();
    }
    ServiceFolder folder;
    try {
      folder = ServiceFolder.of(storeDir, environment);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (!Files.exists(folder.socket()) || !servesBuild(folder, ownJar.get())) {
      return Optional.empty();
    }
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      try {
        channel.connect(UnixDomainSocketAddress.of(folder.socket()));
        Frames.write(channel, Json.writeCompact(request));
      } catch (IOException e) {
        return Optional.empty(); // a stale socket, or a service gone before it read the request
      }
      String reply = Frames.read(channel);
      if (reply == null) {
        throw new IOException("the capture service closed the connection during the capture:"
            + " whether it stored the run is unknown (btsnap ls tells)");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> object = (Map<String, Object>) JsonReader.parse(reply);
      return Optional.of(object);
    }
  }

  /** Whether the service's info names this very jar: same path, size and modification time. */
  private static boolean servesBuild(ServiceFolder folder, JarStamp own) {
    try {
      Object info = JsonReader.parse(Files.readString(folder.infoFile(), StandardCharsets.UTF_8));
      if (!(info instanceof Map<?, ?> map) || !(map.get("jar") instanceof Map<?, ?> jar)) {
        return false;
      }
      return own.path().toString().equals(jar.get("path")) && Long.valueOf(own.size()).equals(jar.get("size"))
          && Long.valueOf(own.modified()).equals(jar.get("modified"));
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }
}
