/* PGA casusregie: the little JavaScript the pages need. Everything works without it; this
   keeps half-written contacts, counts characters, folds long texts and smooths htmx.
   No inline script and no inline style: fits a strict CSP. */
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

  // A bounded text field says how much of its limit is used. Screen readers hear it when
  // they reach the field (aria-describedby), and once when 90 % and 100 % are reached,
  // not at every key.
  function initCharCount(counter) {
    if (counter.dataset.countReady) { return; }
    counter.dataset.countReady = "1";
    var field = document.getElementById(counter.getAttribute("data-char-count"));
    if (!field) { return; }
    var limit = parseInt(field.getAttribute("maxlength"), 10);
    var live = document.createElement("span");
    live.className = "visually-hidden";
    live.setAttribute("aria-live", "polite");
    counter.parentNode.insertBefore(live, counter.nextSibling);
    var announced = 0;
    function update() {
      var used = field.value.length;
      counter.textContent = used + " van " + limit + " tekens gebruikt.";
      counter.classList.toggle("field__count--near", used >= limit * 0.9);
      var level = used >= limit ? 2 : (used >= limit * 0.9 ? 1 : 0);
      if (level > announced) {
        live.textContent = level === 2 ? "Maximum van " + limit + " tekens bereikt."
                                       : "Nog " + (limit - used) + " tekens over.";
      }
      announced = level;
    }
    field.addEventListener("input", update);
    update();
  }

  // A long text starts collapsed behind "Toon meer"; without JavaScript it is shown whole.
  var collapsed = 0;
  function initLongText(box) {
    if (box.dataset.longReady) { return; }
    box.dataset.longReady = "1";
    collapsed += 1;
    box.id = box.id || "lange-tekst-" + collapsed;
    box.classList.add("long-text--collapsed");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "link-button long-text__toggle";
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", box.id);
    button.textContent = "Toon meer";
    button.addEventListener("click", function () {
      var open = box.classList.toggle("long-text--collapsed") === false;
      button.setAttribute("aria-expanded", open ? "true" : "false");
      button.textContent = open ? "Toon minder" : "Toon meer";
    });
    box.parentNode.insertBefore(button, box.nextSibling);
  }

  // Involving a partner: the information level follows the legal ground ('wat' for the
  // grounds the server names in data-level-bases, else the default) until the user picks
  // a level. Without JavaScript the form shows the default and the user picks.
  function initLevelFollowsBasis(select) {
    var form = select.form;
    var radios = form ? form.querySelectorAll("input[name='information_level']") : [];
    if (!radios.length) { return; }
    var bases = select.getAttribute("data-level-bases").split(",");
    var fallback = Array.prototype.find.call(radios, function (r) { return r.checked; });
    var touched = false;
    radios.forEach(function (r) { r.addEventListener("change", function () { touched = true; }); });
    select.addEventListener("change", function () {
      if (touched) { return; }
      var wanted = bases.indexOf(select.value) >= 0 ? "wat" : (fallback ? fallback.value : "dat");
      radios.forEach(function (r) { r.checked = r.value === wanted; });
    });
  }

  // A form with errors opens on its error summary (NL Design System): the focus goes there,
  // so a screen reader reads what went wrong and the links lead to each field.
  function focusErrorSummary(root) {
    var summary = root.matches && root.matches("[data-error-summary]")
      ? root : root.querySelector("[data-error-summary]");
    if (summary) { summary.focus(); }
  }

  // "Nog een gezinslid toevoegen": a blank row from the formset's empty form, in the page.
  // Without JavaScript the same button posts the form and the page comes back with one
  // more row and everything typed kept.
  function initAddRow(button) {
    if (button.dataset.addRowReady) { return; }
    button.dataset.addRowReady = "1";
    var form = button.form;
    var prefix = button.getAttribute("data-add-row");
    var template = form && form.querySelector("template[data-empty-row='" + prefix + "']");
    var rows = form && form.querySelector("[data-rows='" + prefix + "']");
    var total = form && form.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
    var most = form && form.querySelector("input[name='" + prefix + "-MAX_NUM_FORMS']");
    if (!template || !rows || !total) { return; }
    button.type = "button";
    button.removeAttribute("name");
    button.removeAttribute("formaction");
    button.textContent = button.getAttribute("data-add-row-label") || button.textContent;
    button.addEventListener("click", function () {
      var number = parseInt(total.value, 10) || 0;
      if (most && number >= parseInt(most.value, 10)) { return; }
      var holder = document.createElement("div");
      holder.innerHTML = template.innerHTML.replace(/__prefix__/g, String(number));
      var row = holder.firstElementChild;
      var label = row.querySelector("[data-row-number]");
      if (label) { label.textContent = String(number + 1); }
      rows.appendChild(row);
      total.value = String(number + 1);
      var first = row.querySelector(FIELDS);
      if (first) { first.focus(); }
    });
  }

  // Folded on a phone, open on a wide screen: a partner's phone shows its cases first, a
  // desk shows the filters at once. Without JavaScript the button opens them.
  function openWhenWide(details) {
    if (window.matchMedia("(min-width: 48rem)").matches) { details.open = true; }
  }

  function init(root) {
    if (!root || !root.querySelectorAll) { return; }
    root.querySelectorAll("details[data-open-wide]").forEach(openWhenWide);
    if (root.matches && root.matches("form[data-draft-key]")) { initDraftForm(root); }
    root.querySelectorAll("form[data-draft-key]").forEach(initDraftForm);
    root.querySelectorAll("[data-char-count]").forEach(initCharCount);
    root.querySelectorAll("[data-long-text]").forEach(initLongText);
    root.querySelectorAll("select[data-level-bases]").forEach(initLevelFollowsBasis);
    root.querySelectorAll("button[data-add-row]").forEach(initAddRow);
    focusErrorSummary(root);
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

  // A link that htmx replaces (a tab, a sort header, "Volgende pagina") takes the keyboard
  // focus with it, back to the top of the page. After the swap, focus goes to the same link
  // in the new content (the chosen tab), or else to the new content itself.
  // The link is kept on the request itself: another request in flight at the same time (the
  // lazily loaded month overviews) must neither take nor clear it.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail.elt;
    if (event.detail.xhr && elt && elt.tagName === "A" && elt === document.activeElement) {
      event.detail.xhr.pgaFocusHref = elt.getAttribute("href");
    }
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    var href = event.detail.xhr && event.detail.xhr.pgaFocusHref;
    if (!href) { return; }
    event.detail.xhr.pgaFocusHref = null;
    if (document.activeElement && document.activeElement !== document.body) { return; }
    var target = event.detail.target;
    var same = Array.prototype.find.call(target.querySelectorAll("a[href]"), function (a) {
      return a.getAttribute("href") === href;
    });
    if (same) { same.focus(); return; }
    if (!target.hasAttribute("tabindex")) { target.setAttribute("tabindex", "-1"); }
    target.focus();
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

// --- phone (issue 19) ---
// On a phone the case's tabs are one row that scrolls sideways (pga.css): bring the current
// tab into that row's view, without scrolling the page itself (scrollIntoView would).
(function () {
  "use strict";

  function showCurrentTab(root) {
    var current = root.querySelector && root.querySelector(".tabs--row a[aria-current=page]");
    if (!current) { return; }
    var row = current.closest("ul");
    if (!row || row.scrollWidth <= row.clientWidth) { return; }
    var item = current.getBoundingClientRect();
    var box = row.getBoundingClientRect();
    row.scrollLeft += item.left - box.left - (box.width - item.width) / 2;
  }

  document.addEventListener("DOMContentLoaded", function () { showCurrentTab(document); });
  document.addEventListener("htmx:afterSettle", function (event) { showCurrentTab(event.target); });
})();

// --- searchable choice fields (issue 22) ---
// pga.widgets.ComboBox: the WAI-ARIA combobox with list autocomplete. The server renders a
// text box named for the field, showing the chosen option's label; here it becomes a
// combobox whose listbox htmx fills as one types (hx-get on the text box), and a hidden
// input takes over the field's name and carries the chosen id. Choosing an option fires
// "change" on the hidden input, so a filter form that listens for change (the caseload)
// reacts as it did to its select; the text box's own change does not bubble.
(function () {
  "use strict";

  function initComboBox(box) {
    if (box.dataset.comboReady) { return; }
    box.dataset.comboReady = "1";
    var input = box.querySelector("input[type=text]");
    var list = document.getElementById(box.getAttribute("data-listbox"));
    var status = document.getElementById(box.getAttribute("data-status"));
    var minLength = parseInt(box.getAttribute("data-min-length"), 10) || 1;
    if (!input || !list) { return; }
    var hidden = document.createElement("input");
    hidden.type = "hidden";
    hidden.name = input.name;
    hidden.value = box.getAttribute("data-value") || "";
    input.removeAttribute("name");
    box.appendChild(hidden);
    var chosenText = input.value;
    var active = -1;

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    list.setAttribute("role", "listbox");

    function options() { return list.querySelectorAll("[role=option]:not([aria-disabled=true])"); }
    function say(text) { if (status) { status.textContent = text; } }

    function setActive(index) {
      var all = options();
      all.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
        option.classList.toggle("combobox__option--active", i === index);
      });
      active = index;
      if (index >= 0 && all[index]) {
        input.setAttribute("aria-activedescendant", all[index].id);
        all[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function open() {
      if (!list.children.length) { return; }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
    }

    function choose(value, text) {
      var changed = hidden.value !== value;
      hidden.value = value;
      input.value = chosenText = text;
      close();
      if (changed) { hidden.dispatchEvent(new Event("change", { bubbles: true })); }
    }

    // Only the typed text goes to the server, and only once there is enough of it.
    input.addEventListener("htmx:configRequest", function (event) {
      var text = input.value.trim();
      if (text.length < minLength) {
        event.preventDefault();
        list.innerHTML = "";
        close();
        return;
      }
      event.detail.parameters.tekst = text;
      // A list narrowed by another field of the form (the involvement's contact person by
      // its organisation): that field's chosen value goes along, when there is one.
      var by = input.getAttribute("data-narrow-by");
      var form = input.closest("form");
      var other = by && form ? form.querySelector("[name='" + by + "']") : null;
      if (other && other.value) { event.detail.parameters[by] = other.value; }
    });

    list.addEventListener("htmx:afterSwap", function () {
      var all = options();
      list.querySelectorAll("[role=option]").forEach(function (option, i) {
        option.id = list.id + "-" + i;
      });
      setActive(-1);
      if (document.activeElement === input) { open(); }
      say(all.length ? all.length + (all.length === 1 ? " resultaat" : " resultaten") +
        ", kies met pijl omlaag en Enter." : (list.textContent || "").trim());
    });

    input.addEventListener("keydown", function (event) {
      var all = options();
      var expanded = !list.hidden;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!all.length) { return; }
        event.preventDefault();
        open();
        var down = event.key === "ArrowDown";
        if (!expanded || active < 0) { setActive(down ? 0 : all.length - 1); return; }
        setActive((active + (down ? 1 : all.length - 1)) % all.length);
      } else if (event.key === "Enter") {
        if (expanded && active >= 0 && all[active]) {
          event.preventDefault();
          choose(all[active].getAttribute("data-value"), all[active].textContent);
        } else if (!input.value.trim()) {
          choose("", "");
        }
      } else if (event.key === "Escape") {
        if (expanded) { event.preventDefault(); close(); }
        else if (input.value !== chosenText) { event.preventDefault(); input.value = chosenText; }
      }
    });

    // The text box's own change (on leaving it) is not a choice: the form must not react.
    input.addEventListener("change", function (event) { event.stopPropagation(); });

    // A click on an option chooses it; the mousedown must not take the focus from the box.
    list.addEventListener("mousedown", function (event) { event.preventDefault(); });
    list.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (!option || option.getAttribute("aria-disabled") === "true") { return; }
      choose(option.getAttribute("data-value"), option.textContent);
      input.focus();
    });

    // Leaving the field: emptied means "no choice"; typed but not chosen goes back to the
    // choice, so what the box shows is always what the form sends.
    input.addEventListener("blur", function () {
      close();
      if (!input.value.trim()) { if (hidden.value !== "") { choose("", ""); } }
      else if (input.value !== chosenText) { input.value = chosenText; }
    });
  }

  function init(root) {
    if (!root || !root.querySelectorAll) { return; }
    root.querySelectorAll("[data-combobox]").forEach(initComboBox);
  }

  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:load", function (event) { init(event.detail.elt); });
})();
