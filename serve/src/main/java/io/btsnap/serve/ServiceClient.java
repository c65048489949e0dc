package io.btsnap.serve;

import io.btsnap.json.Json;
import io.btsnap.json.JsonReader;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The CLI's side of the socket: {@code serve --status} and {@code --stop}. */
public final class ServiceClient {
  private ServiceClient() {}

  /** Sends {@code op}; returns the reply, or empty when no service listens. */
  public static Optional<Map<String, Object>> request(ServiceFolder folder, String op) throws IOException {
    if (!Files.exists(folder.socket())) {
      return Optional.empty();
    }
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      try {
        channel.connect(UnixDomainSocketAddress.of(folder.socket()));
      } catch (IOException e) {
        return Optional.empty(); // a stale socket: its service died
      }
      Frames.write(channel, Json.writeCompact(Map.of("op", op)));
      String reply = Frames.read(channel);
      if (reply == null) {
        throw new IOException("the service closed the connection without a reply");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> object = (Map<String, Object>) JsonReader.parse(reply);
      if (!Boolean.TRUE.equals(object.get("ok"))) {
        throw new IOException("the service refused: " + object.get("error"));
      }
      return Optional.of(object);
    }
  }

  /** Waits until the service has released its lock, that is, exited. */
  public static void awaitExit(ServiceFolder folder, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try (FileChannel channel = FileChannel.open(folder.lockFile(), StandardOpenOption.WRITE)) {
        FileLock lock = channel.tryLock();
        if (lock != null) {
          lock.release();
          return;
        }
      } catch (java.nio.file.NoSuchFileException e) {
        return;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new IOException("the service did not exit within " + timeout.toSeconds() + " s");
  }
}
