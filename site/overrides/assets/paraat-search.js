// Tells the search worker (assets/javascripts/workers/paraat-search.js) to start when someone opens
// the search: focus on the search field (click, tap, keyboard shortcut, a ?q= link) or the search
// button. Until then the page fetches no search engine.
(function () {
  "use strict";
  var query = document.querySelector("[data-md-component=search-query]");
  var toggle = document.getElementById("__search");
  if (!query || !("BroadcastChannel" in window)) { return; }
  var channel = new BroadcastChannel("paraat-search");
  var opened = false;
  function start() {
    opened = true;
    channel.postMessage("start");
  }
  // The worker may start listening after the search was opened: it asks, and is told again.
  channel.onmessage = function (event) { if (opened && event.data === "waiting") { channel.postMessage("start"); } };
  query.addEventListener("focus", start);
  document.querySelectorAll('label[for="__search"]').forEach(function (label) { label.addEventListener("click", start); });
  if (toggle) { toggle.addEventListener("change", function () { if (toggle.checked) { start(); } }); }
  if (document.activeElement === query || (toggle && toggle.checked)) { start(); }
}());
