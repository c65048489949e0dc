package io.btsnap.ui.internal.http;

/** A request answered with an error status and a one-line message for the page. */
public final class HttpError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  /** An error of {@code status} saying {@code message}. */
  public HttpError(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  /** Returns the HTTP status. */
  public int status() {
    return status;
  }

  /** 404 with {@code message}. */
  public static HttpError notFound(String message) {
    return new HttpError(404, message);
  }

  /** 400 with {@code message}. */
  public static HttpError badRequest(String message) {
    return new HttpError(400, message);
  }
}
