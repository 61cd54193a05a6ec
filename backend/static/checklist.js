// Checklist pages work fully without this script; with it, amounts follow the
// household at once and, once the person chose to save, every change is saved.
(function () {
  "use strict";
  var form = document.getElementById("checklist-form");
  if (!form || !window.fetch) return;
  var data = JSON.parse(document.getElementById("checklist-data").textContent);
  var strings = JSON.parse(document.getElementById("checklist-strings").textContent);
  var storageKey = "paraat:" + data.checklist;
  var plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules(data.lang) : null;
  var recordId = data.record;
  var status = document.getElementById("status");

  function remember(id) {
    try { if (id) localStorage.setItem(storageKey, id); else localStorage.removeItem(storageKey); }
    catch (e) { /* storage may be off; the resume link still works */ }
  }
  function remembered() {
    try { return localStorage.getItem(storageKey); } catch (e) { return null; }
  }
  function say(text) { status.textContent = text; }

  function numberOf(name) {
    var value = parseInt(form.elements[name].value, 10);
    return isNaN(value) ? 0 : value;
  }
  function answers() {
    var days = form.querySelector("input[name=days]:checked");
    var checked = [];
    form.querySelectorAll("input[name=checked]:checked").forEach(function (box) { checked.push(box.value); });
    return {
      checklist: data.checklist,
      lang: data.lang,
      household: {
        adults: numberOf("adults"), children: numberOf("children"), infants: numberOf("infants"),
        pets: numberOf("pets"), care: form.elements.care.checked
      },
      days: days ? parseInt(days.value, 10) : 3,
      region: form.elements.region.value || null,
      checked: checked
    };
  }
  function words(unit, n) {
    var forms = data.units[unit];
    var category = plural ? plural.select(n) : "other";
    return (forms[category] || forms.other).replace("%(num)s", String(n));
  }
  // The same rule as the server: a weighted count of the household, times the days if per day.
  function amount(q, h, days) {
    var total = q.adult * h.adults + q.child * h.children + q.infant * h.infants +
      q.pet * h.pets + q.household;
    return q.per_day ? total * days : total;
  }
  function applies(onlyIf, h) {
    if (!onlyIf) return true;
    return onlyIf === "care" ? h.care : h[onlyIf] > 0;
  }
  function refresh() {
    var a = answers();
    data.items.forEach(function (item) {
      var row = form.querySelector('[data-item="' + item.id + '"]');
      row.hidden = !applies(item.only_if, a.household);
      if (item.quantity) {
        row.querySelector("[data-qty]").textContent =
          words(item.quantity.unit, amount(item.quantity, a.household, a.days));
      }
    });
    form.querySelectorAll(".pa-category").forEach(function (group) {
      group.hidden = !group.querySelector(".pa-item:not([hidden])");
    });
  }
  function apply(saved) {
    var h = saved.household;
    ["adults", "children", "infants", "pets"].forEach(function (k) { form.elements[k].value = h[k]; });
    form.elements.care.checked = h.care;
    var day = form.querySelector('input[name=days][value="' + saved.days + '"]');
    if (day) day.checked = true;
    form.elements.region.value = saved.region || "";
    form.querySelectorAll("input[name=checked]").forEach(function (box) {
      box.checked = saved.checked.indexOf(box.value) !== -1;
    });
    refresh();
  }
  function showSaved(id) {
    recordId = id;
    remember(id);
    var url = data.saved_url.replace("ID", id);
    // Not form.action: the buttons are named "action" and would shadow it.
    form.setAttribute("action", id ? url : data.saved_url.replace(/\/saved\/ID$/, ""));
    document.getElementById("forget-button").hidden = !id;
    document.getElementById("resume").hidden = !id;
    document.getElementById("resume-link").href = id ? url : "";
  }
  // Resolves with the JSON answer; rejects with {code, message}, the message always in the page's language.
  function send(method, url, body) {
    return fetch(url, {
      method: method,
      headers: body ? { "Content-Type": "application/json", "Accept": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined
    }).then(function (res) {
      if (res.status === 204) return null;
      return res.json().catch(function () { return {}; }).then(function (json) {
        if (res.ok) return json;
        throw json.error || { code: "failed", message: strings.failed };
      });
    }, function () {
      throw { code: "offline", message: strings.failed };
    });
  }
  function failed(err) { say(err.message || strings.failed); }

  // One save at a time, always of the latest answers, so an older one never lands last.
  var saving = null, again = false;
  function save() {
    if (saving) { again = true; return saving; }
    var request = recordId
      ? send("PUT", "/api/responses/" + recordId, answers())
      : send("POST", "/api/responses", answers());
    saving = request.then(function (json) { showSaved(json.id); say(strings.saved); }, failed)
      .then(function () {
        saving = null;
        if (again) { again = false; return save(); }
      });
    return saving;
  }
  function forget() {
    return Promise.resolve(saving).then(function () {
      return send("DELETE", "/api/responses/" + recordId);
    }).then(function () {
      showSaved(null);
      apply(data.defaults);
      if (window.history && history.replaceState) history.replaceState(null, "", form.getAttribute("action"));
      say(strings.forgotten);
    }, failed);
  }

  form.querySelectorAll("[data-nojs]").forEach(function (el) { el.hidden = true; });
  form.addEventListener("input", function () { refresh(); });
  form.addEventListener("change", function () { if (recordId) save(); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    // Enter in a field submits too: only the buttons themselves save or forget.
    var action = event.submitter ? event.submitter.value : "recalc";
    if (action === "forget") forget();
    else if (action === "save") save();
    else refresh();
  });

  if (recordId) {
    remember(recordId);
  } else if (remembered()) {
    send("GET", "/api/responses/" + remembered()).then(function (saved) {
      if (saved.checklist !== data.checklist) return;
      apply(saved);
      showSaved(saved.id);
    }, function (err) {
      if (err.code === "not_found") remember(null);  // forgotten elsewhere; keep it through an outage
    });
  }
  refresh();
})();
