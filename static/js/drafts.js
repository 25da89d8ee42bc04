/* Long forms keep what is typed in this browser (localStorage) until it is saved, so
   an expired session, a refused save or a closed tab loses nothing. A form opts in
   with data-draft="<the user's pk>"; its draft is keyed by user, page and action.

   A draft is dropped once its save succeeded: the form was sent and the next page is
   another one, or this one saying it was saved. The login page keeps every draft
   (the session ended: after signing in the form comes back and so does the text);
   signing out drops them all, and drafts left longer than a week expire. */
(function () {
  "use strict";
  const PREFIX = "portal-draft:";
  const WEEK = 7 * 24 * 3600 * 1000;
  const KEPT = "textarea, select, input:not([type=hidden]):not([type=password]):not([type=file]):not([type=submit]):not([type=button])";
  const store = window.localStorage;
  const here = window.location.pathname;
  const body = document.body;

  function draftKeys() {
    const keys = [];
    for (let i = 0; i < store.length; i++) {
      if (store.key(i).startsWith(PREFIX)) keys.push(store.key(i));
    }
    return keys;
  }

  function read(key) {
    try {
      return JSON.parse(store.getItem(key));
    } catch (error) {
      return null;
    }
  }

  function forget(saved) {
    for (const key of draftKeys()) {
      const draft = read(key);
      const done = draft && draft.sent && (draft.page !== here || saved);
      if (!draft || done || Date.now() - draft.at > WEEK) store.removeItem(key);
    }
  }

  function valuesOf(form) {
    const values = {};
    for (const field of form.querySelectorAll(KEPT)) {
      if (!field.name) continue;
      values[field.name] = values[field.name] || [];
      if (field.type === "checkbox" || field.type === "radio") {
        if (field.checked) values[field.name].push(field.value);
      } else if (field.multiple) {
        for (const option of field.selectedOptions) values[field.name].push([option.value, option.text]);
      } else {
        values[field.name].push(field.value);
      }
    }
    return values;
  }

  function fill(form, values) {
    for (const field of form.querySelectorAll(KEPT)) {
      const kept = values[field.name];
      if (kept === undefined) continue;
      if (field.type === "checkbox" || field.type === "radio") {
        field.checked = kept.includes(field.value);
      } else if (field.multiple && field.tomselect) {
        // A picker (pickers.js) may not hold a chosen option until it is searched for.
        for (const [value, text] of kept) field.tomselect.addOption({ value: value, text: text });
        field.tomselect.setValue(kept.map(function (pair) { return pair[0]; }));
      } else if (field.multiple) {
        const chosen = kept.map(function (pair) { return pair[0]; });
        for (const option of field.options) option.selected = chosen.includes(option.value);
      } else if (field.tomselect && kept.length) {
        field.tomselect.setValue(kept[0]);
      } else if (kept.length) {
        field.value = kept[0];
      }
      field.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  function announce(form, key) {
    const notice = document.getElementById("draft-restored").content.firstElementChild.cloneNode(true);
    notice.querySelector("button").addEventListener("click", function () {
      store.removeItem(key);
      window.location.reload();
    });
    form.prepend(notice);
    const panel = form.closest(".collapse");
    if (panel) {
      panel.classList.add("show");
      const toggle = document.querySelector(`[data-bs-target="#${panel.id}"]`);
      if (toggle) toggle.classList.remove("collapsed");
    }
  }

  function keep(form) {
    const key = `${PREFIX}${form.dataset.draft}:${here}:${form.getAttribute("action") || ""}`;
    const draft = read(key);
    if (draft && JSON.stringify(draft.values) !== JSON.stringify(valuesOf(form))) {
      fill(form, draft.values);
      announce(form, key);
    }
    let timer = null;
    const save = function (sent) {
      store.setItem(key, JSON.stringify({ page: here, at: Date.now(), sent: sent, values: valuesOf(form) }));
    };
    const later = function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { save(false); }, 400);
    };
    form.addEventListener("input", later);
    form.addEventListener("change", later);
    form.addEventListener("submit", function () {
      window.clearTimeout(timer);
      save(true);
    });
  }

  if (body.dataset.page !== "login") forget(document.querySelector(".alert-success") !== null);
  for (const form of document.querySelectorAll("form[data-draft]")) keep(form);
  for (const logout of document.querySelectorAll("form[data-logout]")) {
    logout.addEventListener("submit", function () {
      for (const key of draftKeys()) store.removeItem(key);
    });
  }
})();
