package io.btsnap.ui;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * How {@code btsnap ui} serves.
 *
 * @param bind the address to listen on (the loopback address unless asked otherwise)
 * @param port the port, 0 for a free one
 * @param allowedHosts host names, besides {@code 127.0.0.1} and {@code localhost}, that requests
 *     may name in their {@code Host} header
 * @param storeFlag the {@code --store} folder commands shown on the page need; empty when the
 *     store is the default one
 */
public record UiSettings(InetAddress bind, int port, Set<String> allowedHosts, Optional<Path> storeFlag) {
  /** 127.0.0.1: the address the printed URL names, whatever the JVM prefers for "localhost". */
  public static final InetAddress LOOPBACK = loopback();

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Checks the port and copies the names. */
  public UiSettings {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be from 0 to 65535: " + port);
    }
    allowedHosts = Set.copyOf(allowedHosts);
  }

  /** Serves on the loopback address, on a free port, with the default store. */
  public static UiSettings local() {
    return new UiSettings(LOOPBACK, 0, Set.of(), Optional.empty());
  }

  /** Returns these settings with {@code value} as the port. */
  public UiSettings withPort(int value) {
    return new UiSettings(bind, value, allowedHosts, storeFlag);
  }

  /** Returns these settings with {@code value} as the store named in commands. */
  public UiSettings withStoreFlag(Optional<Path> value) {
    return new UiSettings(bind, port, allowedHosts, value);
  }
}
