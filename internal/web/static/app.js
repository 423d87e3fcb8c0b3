// Hindsight's small script. Pages work without it; it adds: the reader's
// time zone, days filled in as times are typed, instant row add, remove and
// reorder, Markdown previews, image upload where the cursor is, names
// offered as they are typed, a warning before unsaved work is lost and a
// draft kept on this device.
"use strict";

(function () {
  // Keep the "tz" cookie at the browser's zone, unless the reader pinned
  // one on the zone page, so the server shows and reads times in it. A page
  // drawn in another zone on a first visit is drawn again, once, in the
  // right one (never a POST's answer: the form there keeps the zone its
  // times were typed in).
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const pinned = document.cookie.split("; ").some((c) => c.startsWith("tzpin="));
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

  const form = document.querySelector("form[data-form]");

  document.addEventListener("click", (ev) => {
    const t = ev.target.closest("button, a");
    if (!t) return;
    if (t.matches("[data-print]")) { window.print(); return; }
    if (t.matches("[data-cancel]")) { dirty = false; localStorage.removeItem(draftKey); return; }
    const row = t.closest("[data-row]");
    if (row && (t.matches("[data-remove]") || t.matches("[data-up]") || t.matches("[data-down]"))) {
      ev.preventDefault();
      moveOrRemove(row, t);
      changed();
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
      return;
    }
    if (t.name === "_row" && t.value === "upload" && uploadURL()) {
      ev.preventDefault();
      uploadChosen();
      return;
    }
    if (t.matches("[data-preview]")) {
      ev.preventDefault();
      preview(t);
    }
  });

  // moveOrRemove moves a row up or down, or removes it, and keeps the
  // keyboard where it was: on the same button of the moved row, or on the
  // next row's remove button.
  function moveOrRemove(row, button) {
    const list = row.parentElement;
    let focus = button;
    if (button.matches("[data-remove]")) {
      const next = row.nextElementSibling || row.previousElementSibling;
      if (list.querySelectorAll("[data-row]").length > 1) row.remove(); else clearRow(row);
      focus = next && next.matches("[data-row]") && next.isConnected ? next.querySelector("[data-remove]") : button;
    } else if (button.matches("[data-up]") && row.previousElementSibling) {
      list.insertBefore(row, row.previousElementSibling);
    } else if (button.matches("[data-down]") && row.nextElementSibling) {
      list.insertBefore(row.nextElementSibling, row);
    }
    renumber(list);
    if (focus && focus.isConnected) focus.focus();
  }

  // clearRow empties a row's inputs (a new countermeasure gets no id).
  function clearRow(row) {
    row.querySelectorAll("input, textarea, select").forEach((el) => {
      if (el.type === "checkbox") el.checked = false;
      else if (el.tagName === "SELECT") el.selectedIndex = 0;
      else el.value = "";
      el.removeAttribute("aria-invalid");
      el.removeAttribute("aria-describedby");
      delete el.dataset.auto;
    });
    row.querySelectorAll(".field-error, .lint-inline").forEach((e) => e.remove());
  }

  // renumber gives a list's rows consecutive indexes in page order, so the
  // server reads them in the order the writer arranged, and names each
  // row's buttons after its place ("Remove event 3").
  function renumber(list) {
    const name = list.dataset.list;
    const re = new RegExp("^" + name.replace(/\./g, "\\.") + "\\.\\d+\\.");
    list.querySelectorAll("[data-row]").forEach((row, i) => {
      row.querySelectorAll("[name], [id], [for], [aria-describedby]").forEach((el) => {
        for (const attr of ["name", "id", "for", "aria-describedby"]) {
          const v = el.getAttribute(attr);
          if (v && re.test(v)) el.setAttribute(attr, v.replace(re, name + "." + i + "."));
        }
        if (el.name === "_row") el.value = el.value.replace(/:\d+$/, ":" + i);
      });
      row.querySelectorAll(".row-tools button").forEach((b) => {
        b.setAttribute("aria-label", b.getAttribute("aria-label").replace(/\d+/, String(i + 1)));
      });
    });
    fillDays();
  }

  // Days: a time typed without its day gets the day the server would give
  // it — the incident start's for incident times (the next day when
  // earlier than the start), the one nearest the event before for events —
  // shown in the day input so the writer sees it and can change it.
  function clockOf(s) {
    const m = /^\s*(\d{1,2})(?:[:.h]?(\d{2}))?\s*$/.exec(s.toLowerCase());
    if (!m) return null;
    const h = Number(m[1]), min = Number(m[2] || 0);
    if (h > 23 || min > 59) return null;
    return { h, min, text: String(h).padStart(2, "0") + ":" + String(min).padStart(2, "0") };
  }
  function wall(day, clock) {
    const [y, mo, d] = day.split("-").map(Number);
    return Date.UTC(y, mo - 1, d, clock.h, clock.min);
  }
  function dayText(ms) { return new Date(ms).toISOString().slice(0, 10); }
  function fillDays() {
    if (!form) return;
    const start = form.querySelector('[data-when=""] [data-clock][name="incident.started_at_time"]');
    const startDay = start && start.closest("[data-when]").querySelector("[data-day]");
    let startAt = null;
    if (start && startDay.value && clockOf(start.value)) startAt = wall(startDay.value, clockOf(start.value));
    let prev = startAt;
    form.querySelectorAll("[data-when]").forEach((w) => {
      const rule = w.dataset.when;
      const clockInput = w.querySelector("[data-clock]"), dayInput = w.querySelector("[data-day]");
      const clock = clockOf(clockInput.value);
      if (rule && clock && (dayInput.value === "" || dayInput.dataset.auto)) {
        const ref = rule === "after" ? startAt : prev;
        if (ref !== null) {
          const refDay = dayText(ref);
          let at = wall(refDay, clock);
          if (rule === "after" && at < ref) at += 864e5;
          if (rule === "nearest") {
            for (const c of [at - 864e5, at + 864e5]) {
              const d = Math.abs(c - ref), best = Math.abs(at - ref);
              if (d < best || (d === best && c > at)) at = c;
            }
          }
          dayInput.value = dayText(at);
          dayInput.dataset.auto = "1";
        }
      }
      if (rule === "nearest" && clock && dayInput.value) prev = wall(dayInput.value, clock);
    });
  }
  if (form) {
    form.addEventListener("change", (ev) => {
      const el = ev.target;
      if (el.matches("[data-clock]")) {
        const c = clockOf(el.value);
        if (c) el.value = c.text;
      }
      if (el.matches("[data-day]")) delete el.dataset.auto;
      fillDays();
    });
    fillDays();
  }

  // An error summary takes the keyboard, so the writer hears what to fix
  // and follows its links to each field.
  const errors = document.querySelector("[data-errors]");
  if (errors) errors.focus();

  // Unsaved work: warn before leaving the form with changes, and keep a
  // draft on this device that is offered back after a crash or a closed
  // tab. A save clears it once the post-mortem's page confirms it.
  const draftKey = form ? "hindsight-draft:" + form.dataset.form : "";
  let dirty = false, saveTimer = 0;
  function changed() {
    if (!form) return;
    dirty = true;
    clearTimeout(saveTimer);
    saveTimer = setTimeout(keepDraft, 400);
  }
  function keepDraft() {
    const values = [];
    for (const el of form.elements) {
      if (!el.name || el.type === "file" || el.type === "submit" || el.name === "_row") continue;
      if ((el.type === "checkbox" || el.type === "radio") && !el.checked) continue;
      values.push([el.name, el.value]);
    }
    const rows = {};
    form.querySelectorAll("[data-list]").forEach((l) => { rows[l.dataset.list] = l.querySelectorAll("[data-row]").length; });
    try {
      localStorage.setItem(draftKey, JSON.stringify({ at: Date.now(), values, rows }));
    } catch (e) { /* storage full or disabled: the warning still protects */ }
  }
  if (form) {
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("submit", () => {
      dirty = false;
      keepDraft();
      sessionStorage.setItem("hindsight-saving", draftKey);
    });
    // A closed tab or a crash gives no time for the timer: the draft is
    // kept as the page goes away too.
    window.addEventListener("pagehide", () => {
      if (dirty) { clearTimeout(saveTimer); keepDraft(); }
    });
    window.addEventListener("beforeunload", (ev) => {
      if (dirty) { ev.preventDefault(); ev.returnValue = ""; }
    });
    offerDraft();
  }
  if (new URLSearchParams(location.search).has("saved")) {
    const key = sessionStorage.getItem("hindsight-saving");
    if (key) { localStorage.removeItem(key); sessionStorage.removeItem("hindsight-saving"); }
  }
  function offerDraft() {
    let draft = null;
    try { draft = JSON.parse(localStorage.getItem(draftKey) || "null"); } catch (e) { draft = null; }
    if (!draft || errors) return;
    const note = document.querySelector("[data-draft-note]");
    const when = new Date(draft.at).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
    const text = document.createElement("p");
    text.textContent = "Changes you made on " + when + " were not saved, but they were kept on this device.";
    const restore = document.createElement("button");
    restore.type = "button"; restore.className = "button primary"; restore.textContent = "Restore them";
    const discard = document.createElement("button");
    discard.type = "button"; discard.className = "button"; discard.textContent = "Discard them";
    const actions = document.createElement("p");
    actions.className = "actions";
    actions.append(restore, " ", discard);
    note.replaceChildren(text, actions);
    note.hidden = false;
    // Either way the notice goes and the keyboard moves on to the form.
    const done = () => { note.hidden = true; const first = form.querySelector("#title"); if (first) first.focus(); };
    restore.addEventListener("click", () => { applyDraft(draft); done(); changed(); });
    discard.addEventListener("click", () => { localStorage.removeItem(draftKey); done(); });
  }
  function applyDraft(draft) {
    for (const [list, n] of Object.entries(draft.rows || {})) {
      const el = form.querySelector('[data-list="' + list + '"]');
      if (!el) continue;
      while (el.querySelectorAll("[data-row]").length < n) {
        const copy = el.querySelector("[data-row]:last-of-type").cloneNode(true);
        clearRow(copy);
        el.appendChild(copy);
        renumber(el);
      }
    }
    form.querySelectorAll('input[type="checkbox"]').forEach((c) => { c.checked = false; });
    for (const [name, value] of draft.values) {
      for (const el of form.querySelectorAll('[name="' + CSS.escape(name) + '"]')) {
        if (el.type === "checkbox") { if (el.value === value) el.checked = true; } else { el.value = value; break; }
      }
    }
    fillDays();
  }

  // People: as a name is typed, the names to offer are asked for — people
  // named in post-mortems the reader may see, and users — and put in the
  // list with the names typed elsewhere in this form, once each however
  // they are spaced or cased.
  const people = document.querySelector("datalist[data-source]");
  if (people) {
    let timer = 0, asked = null;
    const key = (n) => n.toLowerCase().replace(/\s+/g, " ").trim();
    async function suggest(input) {
      const q = key(input.value);
      if (q === asked) return;
      asked = q;
      const res = await fetch(people.dataset.source + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } }).catch(() => null);
      if (!res || !res.ok || asked !== q) return;
      const names = await res.json();
      const typed = Array.from(document.querySelectorAll('input[list="people"]'), (i) => (i === input ? "" : i.value.trim()));
      const seen = new Set(), options = [];
      for (const n of names.concat(typed)) {
        const k = key(n);
        if (!k || seen.has(k)) continue;
        seen.add(k);
        const o = document.createElement("option");
        o.value = n;
        options.push(o);
      }
      people.replaceChildren(...options);
    }
    document.addEventListener("input", (ev) => {
      if (ev.target.matches && ev.target.matches('input[list="people"]')) {
        clearTimeout(timer);
        timer = setTimeout(() => suggest(ev.target), 150);
      }
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

  // Images: chosen with the Upload button, dropped or pasted into a text
  // box; each is stored at once and its Markdown put where the cursor is,
  // with the description the writer gave as its alt text.
  function uploadURL() { return form && form.dataset.images; }
  const note = document.querySelector("[data-upload-note]");
  async function upload(file, alt, area) {
    const body = new FormData();
    body.append("file", file);
    body.append("alt", alt);
    const res = await fetch(uploadURL(), { method: "POST", body, headers: { Accept: "application/json" } });
    const data = await res.json().catch(() => ({ error: "The upload failed; try again." }));
    if (!res.ok) { if (note) note.textContent = data.error; return false; }
    const at = area.selectionStart ?? area.value.length;
    const before = area.value.slice(0, at), after = area.value.slice(at);
    area.value = before + (before && !before.endsWith("\n\n") ? (before.endsWith("\n") ? "\n" : "\n\n") : "") + data.markdown + "\n" + after;
    if (note) note.textContent = "Uploaded; placed in " + (area.labels[0] ? area.labels[0].firstChild.textContent.trim().toLowerCase() : "the text") + ".";
    changed();
    return true;
  }
  async function uploadChosen() {
    const input = document.getElementById("image"), alt = document.getElementById("image_alt");
    if (!input.files.length) { input.focus(); if (note) note.textContent = "Choose an image first."; return; }
    if (!alt.value.trim()) { alt.focus(); if (note) note.textContent = "Say what the image shows, for people who cannot see it."; return; }
    if (await upload(input.files[0], alt.value, document.getElementById("additional_info"))) { input.value = ""; alt.value = ""; }
  }
  const altDialog = document.querySelector("[data-alt-dialog]");
  function askAlt(file) {
    return new Promise((resolve) => {
      if (!altDialog) { resolve(""); return; }
      const input = altDialog.querySelector("input");
      input.value = "";
      altDialog.querySelector("[data-alt-name]").textContent = file.name || "the pasted image";
      const shown = altDialog.querySelector("[data-alt-preview]");
      shown.hidden = true;
      const reader = new FileReader();
      reader.onload = () => { shown.src = reader.result; shown.hidden = false; };
      reader.readAsDataURL(file);
      altDialog.returnValue = "";
      altDialog.showModal();
      altDialog.addEventListener("close", () => resolve(altDialog.returnValue === "ok" ? input.value.trim() : ""), { once: true });
    });
  }
  async function takeImages(files, area) {
    for (const file of files) {
      if (!file.type.startsWith("image/")) continue;
      const alt = await askAlt(file);
      if (alt) await upload(file, alt, area);
    }
  }
  if (form && uploadURL()) {
    form.querySelectorAll("textarea").forEach((area) => {
      area.addEventListener("dragover", (ev) => { if (ev.dataTransfer.types.includes("Files")) ev.preventDefault(); });
      area.addEventListener("drop", (ev) => {
        if (!ev.dataTransfer.files.length) return;
        ev.preventDefault();
        takeImages(ev.dataTransfer.files, area);
      });
      area.addEventListener("paste", (ev) => {
        const files = Array.from(ev.clipboardData.files || []);
        if (!files.some((f) => f.type.startsWith("image/"))) return;
        ev.preventDefault();
        takeImages(files, area);
      });
    });
  }
})();
