// The household plan: kept on this device only (localStorage), never sent; printed on the one-page plan.
(function () {
  "use strict";
  var KEY = "paraat:plan";

  function stored() {
    try { return JSON.parse(window.localStorage.getItem(KEY) || "{}") || {}; } catch (e) { return {}; }
  }
  function keep(plan) {
    try { window.localStorage.setItem(KEY, JSON.stringify(plan)); } catch (e) { /* private mode: nothing kept */ }
  }

  var plan = stored();
  Array.prototype.forEach.call(document.querySelectorAll("[data-plan-fields]"), function (el) { el.hidden = false; });
  Array.prototype.forEach.call(document.querySelectorAll("[data-plan-nojs]"), function (el) { el.hidden = true; });
  var fields = document.querySelectorAll("[data-plan-field]");
  var clear = document.querySelector("[data-plan-clear]");
  // "Remove my plan" shows only when this device keeps one.
  function offerClear() {
    var kept = stored();
    if (clear) { clear.hidden = !Object.keys(kept).some(function (k) { return String(kept[k] || "").trim(); }); }
  }
  Array.prototype.forEach.call(fields, function (field) {
    var key = field.getAttribute("data-plan-field");
    if (typeof plan[key] === "string") { field.value = plan[key]; }
    field.addEventListener("input", function () {
      plan = stored();
      plan[key] = field.value;
      keep(plan);
      offerClear();
      // Said once, the first time something is written: where the words are kept.
      var kept = document.querySelector("[data-plan-kept]");
      if (kept && !kept.textContent) { kept.textContent = kept.getAttribute("data-text"); }
    });
  });

  if (clear) {
    offerClear();
    clear.addEventListener("click", function () {
      try { window.localStorage.removeItem(KEY); } catch (e) { /* nothing kept anyway */ }
      plan = {};
      Array.prototype.forEach.call(fields, function (field) { field.value = ""; });
      var done = document.querySelector("[data-plan-cleared]");
      if (done) { done.hidden = false; }
      if (fields.length) { fields[0].focus(); }  // the button goes: focus stays in the plan
      offerClear();
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-plan-value]"), function (place) {
    var text = plan[place.getAttribute("data-plan-value")];
    if (typeof text === "string" && text.trim()) {
      place.textContent = text;
      place.classList.add("pa-written");
    }
  });

  var print = document.querySelector("[data-print]");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }
}());
