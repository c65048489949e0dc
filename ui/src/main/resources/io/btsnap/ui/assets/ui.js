// btsnap ui: the copy buttons and the live runs table. Loaded from the page's own origin only.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("button[data-copy]")) {
    button.addEventListener("click", () => {
      navigator.clipboard.writeText(button.dataset.copy).then(
        () => { button.textContent = "copied"; },
        () => { button.textContent = "select and copy"; });
    });
  }
  const table = document.getElementById("runs");
  if (table && table.dataset.live) {
    follow(table);
  }
});

// Asks every two seconds for runs newer than the newest shown, and puts them on top.
function follow(table) {
  const columns = JSON.parse(table.dataset.columns);
  const body = table.tBodies[0];
  const total = document.getElementById("total");
  const last = document.getElementById("last");
  const first = document.getElementById("first");
  const poll = () => {
    const newest = table.dataset.newest;
    const url = table.dataset.live + (table.dataset.live.includes("?") ? "&" : "?") + "after=" + encodeURIComponent(newest);
    fetch(newest ? url : table.dataset.live, { credentials: "same-origin", cache: "no-store" })
      .then((r) => (r.ok ? r.json() : null))
      .then((reply) => {
        if (!reply || reply.runs.length === 0) {
          return;
        }
        if (reply.more) {
          // More new runs than one poll sends: the count would be wrong, so say so instead.
          const note = document.getElementById("more") || document.createElement("p");
          note.id = "more";
          note.className = "muted";
          note.textContent = "more new runs than shown: reload the page for all of them";
          table.parentNode.insertBefore(note, table);
        }
        const known = new Set(Array.from(body.rows, (row) => row.dataset.id));
        const fresh = reply.runs.filter((run) => !known.has(run.id));
        for (const run of fresh.slice().reverse()) {
          body.insertBefore(row(run, columns), body.firstChild);
        }
        table.dataset.newest = reply.runs[0].id;
        const empty = document.getElementById("empty");
        if (empty) {
          empty.remove();
        }
        if (total) {
          total.textContent = String(Number(total.textContent) + fresh.length);
          // The first page grows: it shows what the server would now send as its first page and more.
          last.textContent = String(body.rows.length);
          first.textContent = body.rows.length > 0 ? "1" : "0";
        }
      })
      .catch(() => {})
      .finally(() => setTimeout(poll, 2000));
  };
  setTimeout(poll, 2000);
}

function row(run, columns) {
  const tr = document.createElement("tr");
  tr.dataset.id = run.id;
  tr.className = "new";
  for (const key of columns) {
    const td = document.createElement("td");
    const text = run.cells[key] || "";
    if (key.startsWith("param.") || key.startsWith("metric.")) {
      td.className = "num";
    }
    if (key === "id") {
      const a = document.createElement("a");
      a.href = "/runs/" + encodeURIComponent(text);
      a.textContent = text;
      td.appendChild(a);
    } else {
      td.textContent = text;
    }
    tr.appendChild(td);
  }
  return tr;
}
