package io.btsnap.remote;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The passphrase of an encrypted remote, read from its source only when a remote turns out to be
 * encrypted and only once; a plain remote never asks for it. It is never written anywhere and
 * {@code toString} shows nothing of it. Two passphrases given as text are equal when the text is
 * (the capture service keeps one unlocked remote per passphrase).
 */
public final class Passphrase {
  /** Where a passphrase comes from: a file, a command, the environment, a terminal. */
  @FunctionalInterface
  public interface Source {
    /** Reads the passphrase; throws with one line when it cannot. */
    char[] read() throws IOException;
  }

  /** No passphrase: an encrypted remote is refused with the ways to give one. */
  public static final Passphrase NONE = new Passphrase(() -> {
    throw new RemoteException("the remote is encrypted: give its passphrase with --password-file, --password-command,"
        + " BTSNAP_REMOTE_PASSWORD, BTSNAP_REMOTE_PASSWORD_FILE or BTSNAP_REMOTE_PASSWORD_COMMAND");
  }, null);

  private final Source source;
  /** Set for a passphrase given as text: its identity for equals. */
  private final String text;
  private byte[] utf8;

  private Passphrase(Source source, String text) {
    this.source = source;
    this.text = text;
  }

  /** A passphrase read from {@code source} when first needed. */
  public static Passphrase from(Source source) {
    return new Passphrase(source, null);
  }

  /** The passphrase {@code text}, as another process hands it over. */
  public static Passphrase of(String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("an empty passphrase");
    }
    return new Passphrase(text::toCharArray, text);
  }

  /** Its UTF-8 bytes, read from the source the first time; refuses an empty passphrase. */
  synchronized byte[] utf8() throws IOException {
    if (utf8 == null) {
      char[] chars = source.read();
      try {
        if (chars == null || chars.length == 0) {
          throw new RemoteException("the passphrase is empty");
        }
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        utf8 = Arrays.copyOfRange(bytes.array(), bytes.position(), bytes.limit());
        Arrays.fill(bytes.array(), (byte) 0);
      } finally {
        if (chars != null) {
          Arrays.fill(chars, '\0');
        }
      }
    }
    return utf8.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o == this || (text != null && o instanceof Passphrase p && text.equals(p.text));
  }

  @Override
  public int hashCode() {
    return text == null ? System.identityHashCode(this) : text.hashCode();
  }

  @Override
  public String toString() {
    return "Passphrase[hidden]";
  }
}
