// The household pages work fully without this script. With it, amounts and
// progress follow every change at once, links carry an unsaved household, and
// a saved household is saved on every change.
(function () {
  "use strict";
  var form = document.getElementById("checklist-form");
  var rules = window.ParaatRules;  // rules.js: the server's household rules
  if (!form || !window.fetch || !rules || !window.ParaatSaving || !window.ParaatCounts) return;
  var data = JSON.parse(document.getElementById("checklist-data").textContent);
  var strings = JSON.parse(document.getElementById("checklist-strings").textContent);
  var state = data.state;
  var recordId = data.record;
  var savingKey = "paraat:saving";
  var plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules(data.lang) : null;
  var status = document.getElementById("status");
  var changed = false;

  // Items that are one thing in two checklists, both ways: "water/drinking-water" -> ["emergency-kit/drinking-water"].
  var links = {};
  data.checklists.forEach(function (c) {
    c.items.forEach(function (item) {
      if (!item.same_as) return;
      var here = c.id + "/" + item.id;
      (links[here] = links[here] || []).push(item.same_as);
      (links[item.same_as] = links[item.same_as] || []).push(here);
    });
  });

  var remember = window.ParaatSaving.remember, remembered = window.ParaatSaving.remembered;  // saving.js
  function showRemembered(id) {
    document.getElementById("remembered-link").href = data.saved_base + id + "/" + (data.checklist || "");
    document.getElementById("remembered").hidden = false;
    var second = document.getElementById("second-household");
    if (second) second.hidden = false;  // a save here is never a silent second household
  }
  function say(text) { status.textContent = text; }

  function words(unit, n, done) {
    var forms = data.words[unit];
    var category = plural ? plural.select(n) : "other";
    var phrase = forms[category] || forms.other || forms[Object.keys(forms)[0]];
    return phrase.replace("%(num)s", String(n)).replace("%(done)s", String(done));
  }
  var amount = rules.amount, applies = rules.applies;
  function ticked(cid, itemId) { return (state.checked[cid] || []).indexOf(itemId) !== -1; }
  function setTick(cid, itemId, on) {
    var list = (state.checked[cid] || []).filter(function (i) { return i !== itemId; });
    if (on) list.push(itemId);
    state.checked[cid] = list.sort();
  }
  function progressOf(c) { return rules.progress(c.items, state.household, state.checked[c.id] || []); }

  function numberOf(name) {
    var value = rules.count(form.elements[name].value);
    return isNaN(value) ? 0 : value;
  }
  function readForm() {
    var days = form.querySelector("input[name=days]:checked");
    state.household = {
      adults: numberOf("adults"), children: numberOf("children"), infants: numberOf("infants"),
      pets: numberOf("pets"), care: form.elements.care.checked
    };
    state.days = days ? parseInt(days.value, 10) : state.days;  // the server's default (goals.py) until one is chosen
    state.region = form.elements.region.value || null;
    if (!data.checklist) return;
    form.querySelectorAll('input[name="' + data.checklist + '"]').forEach(function (box) {
      setTick(data.checklist, box.value, box.checked);
      (links[data.checklist + "/" + box.value] || []).forEach(function (key) {
        var parts = key.split("/");
        setTick(parts[0], parts[1], box.checked);
      });
    });
  }

  function query() {
    var h = state.household, q = new URLSearchParams();
    ["adults", "children", "infants", "pets"].forEach(function (k) { q.append(k, h[k]); });
    if (h.care) q.append("care", "yes");
    q.append("days", state.days);
    if (state.region) q.append("region", state.region);
    Object.keys(state.checked).forEach(function (cid) {
      state.checked[cid].forEach(function (item) { q.append(cid, item); });
    });
    return "?" + q.toString();
  }
  // An unsaved household lives in the address: links and reloads keep it.
  function carry() {
    if (recordId || !changed) return;
    var q = query();
    data.checklists.forEach(function (c) {
      document.querySelectorAll('[data-continue="' + c.id + '"]').forEach(function (a) { a.href = c.url + q; });
    });
    document.querySelectorAll("[data-overview]").forEach(function (a) { a.href = data.overview_url + q; });
    document.querySelectorAll("[data-next]").forEach(function (a) {
      if (a.getAttribute("href").charAt(0) !== "#") a.href = a.href.split("?")[0] + q;
    });
    document.querySelectorAll("a.md-select__link").forEach(function (a) { a.href = a.href.split("?")[0] + q; });
    if (window.history && history.replaceState) history.replaceState(null, "", data.page_url + q);
  }

  function refresh() {
    var h = state.household, allComplete = true;
    var summary = document.getElementById("household-summary");
    if (summary) summary.textContent = words("person", h.adults + h.children + h.infants) + " · " + words("day", state.days);
    data.checklists.forEach(function (c) {
      c.items.forEach(function (item) {
        if (item.quantity) {
          document.querySelectorAll('[data-qty="' + c.id + "." + item.id + '"]').forEach(function (el) {
            el.textContent = words(item.quantity.unit, amount(item.quantity, h, state.days));
          });
        }
        if (c.id === data.checklist) {
          form.querySelector('[data-item="' + item.id + '"]').hidden = !applies(item.only_if, h);
        }
      });
      var p = progressOf(c);
      allComplete = allComplete && p.complete;
      document.querySelectorAll('[data-progress="' + c.id + '"]').forEach(function (el) {
        el.textContent = words("essentials", p.essential, p.checked);
      });
      document.querySelectorAll('[data-complete="' + c.id + '"]').forEach(function (el) { el.hidden = !p.complete; });
    });
    form.querySelectorAll(".pa-category").forEach(function (group) {
      group.hidden = !group.querySelector(".pa-item:not([hidden])");
    });
    // The Caribbean Netherlands: what differs there, and no promise of NL-Alert.
    var islands = data.islands.indexOf(state.region) !== -1;
    document.getElementById("islands").hidden = !islands;
    document.querySelectorAll("[data-islands]").forEach(function (el) {
      el.hidden = (el.getAttribute("data-islands") === "true") !== islands;
    });
    var next = document.getElementById("next-item");
    if (next) {
      var page = data.checklists.filter(function (c) { return c.id === data.checklist; })[0];
      var todo = page.items.filter(function (i) {
        return i.essential && applies(i.only_if, h) && !ticked(page.id, i.id);
      });
      next.hidden = !todo.length;
      document.getElementById("next-done").hidden = !!todo.length;
      if (todo.length) next.textContent = strings.next.replace("%(item)s", (islands && todo[0].islands_text) || todo[0].text);
    }
    nextStep();
    var ready = document.getElementById("ready");
    if (ready) {
      ready.hidden = !allComplete;
      document.getElementById("ready-title").textContent = strings.ready.replace("%(days)s", words("day", state.days));
    }
    carry();
    return allComplete;
  }

  // The overview's one primary button follows progress: the first checklist not complete, else the plan.
  function nextStep() {
    var button = document.getElementById("next-step");
    data.checklists.forEach(function (c) {
      var p = progressOf(c), label = document.querySelector('[data-card-action="' + c.id + '"]');
      if (label) label.textContent = p.complete ? strings.look_again : p.checked ? strings.continue : strings.start;
    });
    if (!button) return;
    var first = data.checklists.filter(function (c) { return !progressOf(c).complete; })[0];
    if (!first) {
      button.textContent = strings.next_plan;
      button.setAttribute("href", "#plan");
      return;
    }
    var started = progressOf(first).checked > 0;
    button.textContent = (started ? strings.next_continue : strings.next_start).replace("%(checklist)s", first.title);
    // An unsaved household rides along: the page's own (from its link) until the person changes it.
    var own = button.getAttribute("href"), at = own.indexOf("?");
    button.href = first.url + (recordId ? "" : changed ? query() : at === -1 ? "" : own.slice(at));
  }

  // After a save: a short word beside the ticks, written (and so announced) once per round of changes.
  var savedBar = document.querySelector("[data-saved-bar]");
  function savedWord(text) {
    if (!savedBar) return;
    document.getElementById("saved-status").textContent = text;
    savedBar.hidden = !text;
  }

  // Progress is spoken once the person pauses, not on every tick.
  var announcing = null;
  function announce() {
    clearTimeout(announcing);
    announcing = setTimeout(function () {
      var parts = [], allComplete = true;
      data.checklists.forEach(function (c) {
        var p = progressOf(c);
        allComplete = allComplete && p.complete;
        if (data.checklist && c.id !== data.checklist) return;
        parts.push((data.checklist ? "" : c.title + ": ") + words("essentials", p.essential, p.checked));
      });
      if (allComplete && !data.checklist) parts.unshift(document.getElementById("ready-title").textContent);
      say(parts.join(". "));
    }, 1500);
  }

  // Saving (saving.js) reports back here: a short word once saved, else what went wrong.
  var saver = recordId && window.ParaatSaving.saver(recordId, state, {
    saved: function () { savedWord(strings.saved_short); },
    failed: function (err) {
      savedWord("");
      clearTimeout(announcing);
      say(err.offline ? strings.offline : err.message || strings.failed);
    }
  });
  function save() { return saver.save(); }

  // Answers made offline on this device win over an older copy of the page: the household and the ticks.
  function resume() {
    var kept = saver && saver.waiting();
    if (!kept) return;
    ["household", "days", "region", "checked"].forEach(function (k) { if (kept[k] !== undefined) state[k] = kept[k]; });
    var h = state.household;
    ["adults", "children", "infants", "pets"].forEach(function (k) {
      if (form.elements[k]) form.elements[k].value = h[k];
    });
    if (form.elements.care) form.elements.care.checked = !!h.care;
    form.querySelectorAll("input[name=days]").forEach(function (r) { r.checked = parseInt(r.value, 10) === state.days; });
    if (form.elements.region) form.elements.region.value = state.region || "";
    form.querySelectorAll('input[type="checkbox"]').forEach(function (box) {
      if (state.checked[box.name]) box.checked = state.checked[box.name].indexOf(box.value) !== -1;
    });
    if (navigator.onLine) save();
  }

  form.querySelectorAll("[data-nojs]").forEach(function (el) { el.hidden = true; });
  var check = window.ParaatCounts(form, data.problems);  // counts.js: counts the server would refuse

  form.addEventListener("input", function () {
    changed = true;
    readForm();
    refresh();
    if (!document.getElementById("check-error").hidden) check();  // a named problem goes once it is fixed
  });
  form.addEventListener("change", function () {
    changed = true;
    readForm();
    refresh();
    announce();
    if (check() && recordId) { savedWord(""); save(); }
  });
  form.addEventListener("submit", function (event) {
    // Enter in a field submits too: only the save and forget buttons themselves post.
    if (!("submitter" in event)) return;  // older browsers: the plain form post does the work
    var action = event.submitter ? event.submitter.value : "";
    if (action === "save") {
      try { sessionStorage.setItem(savingKey, "1"); } catch (e) { /* a new save then waits for an empty slot */ }
    }
    // A new household needs a fresh single-use token, asked for now (the page itself is the same for
    // everyone). Without one the server answers with one more step that carries it.
    var slot = form.elements.token;
    if (action === "save" && slot && !slot.value && form.requestSubmit) {
      event.preventDefault();
      var submitter = event.submitter;
      fetch("/api/token", { cache: "no-store", credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : {}; })
        .catch(function () { return {}; })
        .then(function (answer) {
          slot.value = answer.token || "-";  // "-": post anyway, and get the step with a token
          form.requestSubmit(submitter);
          slot.value = "";  // used once: a page brought back from history asks again
        });
      return;
    }
    if (action === "save" || action === "forget") return;
    event.preventDefault();
    refresh();
  });

  // The device keeps the household's id only once the person chose to save, and forgets it with them.
  // Only the household this device saved is forgotten here: a link cannot clear someone else's code.
  var inPath = /\/saved\/([A-Za-z0-9_-]+)\//.exec(location.pathname);
  var gone = new URLSearchParams(location.search).get("forgotten") ||
    (inPath && document.getElementById("form-error") ? inPath[1] : null);
  // A link to another household's page never takes the place of the one saved here: only a save made
  // on this device does (a flag in this tab, set by the save button, read once).
  var savedHere = false;
  try { savedHere = sessionStorage.getItem(savingKey) === "1"; sessionStorage.removeItem(savingKey); }
  catch (e) { /* no flag: only an empty slot is filled */ }
  var mine = remembered();
  // A link that brings no household of its own (the campaign pages' "Checklist water") opens the
  // household saved on this device, on the same checklist.
  var bare = !/[?&](adults|children|infants|pets|days|saved|forgotten)=/.test(location.search);
  if (!recordId && mine && bare && !gone && !document.getElementById("form-error")) {
    location.replace(data.saved_base + mine + "/" + (data.checklist || "") + location.hash);
    return;
  }
  if (recordId) {
    if (!mine || mine === recordId || savedHere) remember(recordId); else showRemembered(mine);
    resume();
  } else if (gone && gone === remembered()) {
    remember(null);
    window.ParaatSaving.forget(gone);
    if (navigator.serviceWorker && navigator.serviceWorker.controller) {
      navigator.serviceWorker.controller.postMessage({ type: "forget", id: gone });
    }
  } else if (mine) {
    showRemembered(mine);
  }
  refresh();
})();
