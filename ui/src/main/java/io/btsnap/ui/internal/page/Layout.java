package io.btsnap.ui.internal.page;

import io.btsnap.ui.internal.http.Html;

/** The frame every page shares: head, stylesheet and script (files of the jar), navigation. */
final class Layout {
  private Layout() {}

  /** Returns the whole page titled {@code title} around {@code body}. */
  static String page(String title, String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>" + Html.text(title) + " · btsnap</title>"
        + "<link rel=\"icon\" href=\"data:,\">"
        + "<link rel=\"stylesheet\" href=\"/assets/ui.css\">"
        + "<script src=\"/assets/ui.js\" defer></script></head>"
        + "<body><header><a class=\"home\" href=\"/\">btsnap</a>"
        + "<span class=\"title\">" + Html.text(title) + "</span></header><main>\n"
        + body + "\n</main></body></html>\n";
  }

  /** Returns the page for an error: its status line in words and the one-line message. */
  static String error(int status, String message) {
    return page("error " + status, "<p class=\"error\">" + Html.text(message) + "</p>");
  }
}
