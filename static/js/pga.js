/* PGA casusregie: the little JavaScript the pages need. Everything works without it; this
   only keeps half-written contacts and smooths htmx. No inline script: fits a strict CSP. */
(function () {
  "use strict";

  var DRAFT_PREFIX = "contactconcept:";
  var FIELDS = "input[name]:not([type=hidden]):not([type=submit]), textarea[name], select[name]";

  function key(form) { return form.getAttribute("data-draft-key"); }

  function readDraft(form) {
    try { return JSON.parse(window.localStorage.getItem(key(form)) || "null"); } catch (e) { return null; }
  }

  function saveDraft(form) {
    var data = {};
    form.querySelectorAll(FIELDS).forEach(function (el) {
      if (el.type === "radio") { if (el.checked) { data[el.name] = el.value; } }
      else if (el.type === "checkbox") { data[el.name] = el.checked; }
      else { data[el.name] = el.value; }
    });
    try { window.localStorage.setItem(key(form), JSON.stringify(data)); } catch (e) { /* full or off */ }
  }

  function restoreDraft(form, data) {
    form.querySelectorAll(FIELDS).forEach(function (el) {
      if (!(el.name in data)) { return; }
      if (el.type === "radio") { el.checked = el.value === data[el.name]; }
      else if (el.type === "checkbox") { el.checked = !!data[el.name]; }
      else { el.value = data[el.name]; }
    });
    var notice = form.querySelector(".draft-notice");
    if (notice) { notice.hidden = false; }
  }

  function initDraftForm(form) {
    if (form.dataset.draftReady) { return; }
    form.dataset.draftReady = "1";
    if (form.hasAttribute("data-draft-clear")) {
      window.localStorage.removeItem(key(form));          // just saved
    } else if (form.hasAttribute("data-draft-keep")) {
      saveDraft(form);                                    // the server sent back what was typed
    } else {
      var data = readDraft(form);
      if (data) { restoreDraft(form, data); }             // after a reload or a new login
    }
    form.addEventListener("input", function () { saveDraft(form); });
    form.addEventListener("change", function () { saveDraft(form); });
    var discard = form.querySelector("[data-draft-discard]");
    if (discard) {
      discard.addEventListener("click", function () {
        window.localStorage.removeItem(key(form));
        window.location.reload();
      });
    }
  }

  function init(root) {
    if (!root || !root.querySelectorAll) { return; }
    if (root.matches && root.matches("form[data-draft-key]")) { initDraftForm(root); }
    root.querySelectorAll("form[data-draft-key]").forEach(initDraftForm);
  }

  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:load", function (event) { init(event.detail.elt); });

  // An htmx request that lands on the login page (the session expired) goes there as a
  // whole page, instead of putting the login form inside the case page. The draft stays.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var url = event.detail.xhr && event.detail.xhr.responseURL;
    if (url && (url.indexOf("/inloggen/") !== -1 || url.indexOf("/tweestapsverificatie/") !== -1)) {
      event.detail.shouldSwap = false;
      window.location.href = url;
    }
  });

  // Logging out on purpose leaves no drafts behind on a shared computer.
  document.addEventListener("submit", function (event) {
    var action = event.target.getAttribute("action") || "";
    if (action.indexOf("/uitloggen/") === -1) { return; }
    Object.keys(window.localStorage).forEach(function (name) {
      if (name.indexOf(DRAFT_PREFIX) === 0) { window.localStorage.removeItem(name); }
    });
  }, true);
})();
