package io.btsnap.ui;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP/1.1 requests written by hand, so a test can send any {@code Host} header (the JDK's
 * client refuses to set it) and see the reply exactly as sent.
 */
final class RawHttp {
  /** A reply: status, headers as lines {@code name: value}, body. */
  record Response(int status, List<String> headers, String body) {
    Optional<String> header(String name) {
      String prefix = name.toLowerCase(Locale.ROOT) + ":";
      return headers.stream().filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix))
          .map(h -> h.substring(prefix.length()).strip()).findFirst();
    }
  }

  private RawHttp() {}

  static Response send(int port, String method, String target, String host, String cookie) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\n");
      if (host != null) {
        request.append("Host: ").append(host).append("\r\n");
      }
      if (cookie != null) {
        request.append("Cookie: ").append(cookie).append("\r\n");
      }
      request.append("Connection: close\r\n");
      if (method.equals("POST")) {
        request.append("Content-Length: 0\r\n");
      }
      request.append("\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      String text = all.toString(StandardCharsets.UTF_8);
      int end = text.indexOf("\r\n\r\n");
      String head = end < 0 ? text : text.substring(0, end);
      String body = end < 0 ? "" : text.substring(end + 4);
      String[] lines = head.split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      List<String> headers = new ArrayList<>(List.of(lines).subList(1, lines.length));
      return new Response(status, headers, body);
    }
  }
}
