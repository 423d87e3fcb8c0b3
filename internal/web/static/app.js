// Hindsight's small script. Pages work without it; it adds:
// the reader's time zone, instant row add/remove/reorder, Markdown
// previews, image upload at the cursor, print and confirm buttons.
"use strict";

(function () {
  // Keep the "tz" cookie at the browser's zone, unless the reader pinned
  // one on the zone page, so the server shows and reads times in it. A page
  // drawn in another zone on a first visit is drawn again, once, in the
  // right one (never a POST's answer: the form there keeps the zone its
  // times were typed in).
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const cookies = document.cookie.split("; ");
  const pinned = cookies.some((c) => c.startsWith("tzpin="));
  if (zone && !pinned) {
    document.cookie = "tz=" + zone + "; path=/; max-age=31536000; samesite=lax";
    const root = document.documentElement;
    const stored = document.cookie.split("; ").some((c) => c === "tz=" + zone);
    if (stored && root.dataset.zone !== zone && root.hasAttribute("data-refreshable") && !sessionStorage.getItem("tz-refreshed")) {
      sessionStorage.setItem("tz-refreshed", zone);
      location.reload();
      return;
    }
  }

  document.addEventListener("click", (ev) => {
    const t = ev.target.closest("button, a");
    if (!t) return;
    if (t.matches("[data-print]")) { window.print(); return; }
    const row = t.closest("[data-row]");
    if (row && (t.matches("[data-remove]") || t.matches("[data-up]") || t.matches("[data-down]"))) {
      ev.preventDefault();
      const list = row.parentElement;
      if (t.matches("[data-remove]")) {
        if (list.querySelectorAll("[data-row]").length > 1) row.remove(); else clearRow(row);
      } else if (t.matches("[data-up]") && row.previousElementSibling) {
        list.insertBefore(row, row.previousElementSibling);
      } else if (t.matches("[data-down]") && row.nextElementSibling) {
        list.insertBefore(row.nextElementSibling, row);
      }
      renumber(list);
      return;
    }
    if (t.name === "_row" && t.value.startsWith("add:")) {
      const list = document.querySelector('[data-list="' + t.value.slice(4) + '"]');
      const last = list && list.querySelector("[data-row]:last-of-type");
      if (!last) return;
      ev.preventDefault();
      const copy = last.cloneNode(true);
      clearRow(copy);
      list.appendChild(copy);
      renumber(list);
      const first = copy.querySelector("input:not([type=hidden]), textarea, select");
      if (first) first.focus();
    }
    if (t.matches("[data-preview]")) {
      ev.preventDefault();
      preview(t);
    }
  });

  document.addEventListener("submit", (ev) => {
    const f = ev.target;
    if (f.dataset.confirm && !window.confirm(f.dataset.confirm)) ev.preventDefault();
  });

  // clearRow empties a row's inputs (a new countermeasure gets no id).
  function clearRow(row) {
    row.querySelectorAll("input, textarea, select").forEach((el) => {
      if (el.type === "checkbox") el.checked = false;
      else if (el.tagName === "SELECT") el.selectedIndex = el.name.endsWith(".status") ? 0 : 0;
      else el.value = "";
    });
    row.querySelectorAll(".field-error").forEach((e) => e.remove());
  }

  // renumber gives a list's rows consecutive indexes in page order, so the
  // server reads them in the order the writer arranged.
  function renumber(list) {
    const name = list.dataset.list;
    const re = new RegExp("^" + name.replace(/\./g, "\\.") + "\\.\\d+\\.");
    list.querySelectorAll("[data-row]").forEach((row, i) => {
      row.querySelectorAll("[name], [id], [for], [value^='up:'], [value^='down:'], [value^='remove:']").forEach((el) => {
        for (const attr of ["name", "id", "for"]) {
          const v = el.getAttribute(attr);
          if (v && re.test(v)) el.setAttribute(attr, v.replace(re, name + "." + i + "."));
        }
        if (el.name === "_row") el.value = el.value.replace(/:\d+$/, ":" + i);
      });
    });
  }

  // Markdown preview, rendered by the server exactly as the page will be.
  document.querySelectorAll("[data-preview]").forEach((b) => { b.hidden = false; });
  async function preview(button) {
    const name = button.dataset.preview;
    const box = document.getElementById(name + "-preview");
    const src = document.getElementById(name).value;
    if (!box.hidden) { box.hidden = true; button.textContent = "Preview"; return; }
    const res = await fetch("/preview", { method: "POST", body: new URLSearchParams({ text: src }) });
    box.innerHTML = res.ok ? await res.text() : "<p>Preview is unavailable.</p>";
    box.hidden = false;
    button.textContent = "Hide preview";
  }

  // Image upload: send the file and put its Markdown where the cursor is.
  const up = document.querySelector("[data-upload]");
  if (up) {
    const input = up.querySelector("input[type=file]");
    const button = up.querySelector("button");
    button.addEventListener("click", async (ev) => {
      ev.preventDefault();
      if (!input.files.length) { input.click(); return; }
      const body = new FormData();
      body.append("file", input.files[0]);
      const res = await fetch(up.dataset.upload, { method: "POST", body, headers: { Accept: "application/json" } });
      const data = await res.json();
      const note = up.querySelector(".muted");
      if (!res.ok) { note.textContent = data.error; return; }
      const area = document.getElementById("additional_info");
      const at = area.selectionStart ?? area.value.length;
      area.value = area.value.slice(0, at) + (at ? "\n\n" : "") + data.markdown + "\n" + area.value.slice(at);
      note.textContent = "Uploaded; placed in additional info.";
      input.value = "";
    });
  }
})();
