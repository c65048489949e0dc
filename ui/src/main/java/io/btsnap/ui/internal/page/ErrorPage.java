package io.btsnap.ui.internal.page;

import io.btsnap.ui.internal.http.Reply;

/** The page of a request that failed: its status and one line saying why. */
public final class ErrorPage {
  private ErrorPage() {}

  /** Returns the page for {@code status} with {@code message}. */
  public static Reply render(int status, String message) {
    return Reply.html(status, Layout.error(status, message));
  }
}
