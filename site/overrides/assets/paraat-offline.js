// Lets the site work offline once visited: registers the service worker (sw.js) and asks it to keep
// this language's pages and the household pages this page links to (marked data-offline).
(function () {
  "use strict";
  if (!("serviceWorker" in navigator)) { return; }
  function keep(worker) {
    if (!worker) { return; }
    var pages = Array.prototype.map.call(document.querySelectorAll("a[data-offline], a[data-continue], a[data-overview]"),
      function (a) { return a.href; });
    pages.push(location.href);
    worker.postMessage({ type: "keep", lang: document.documentElement.lang, pages: pages });
  }
  navigator.serviceWorker.register("/sw.js").then(function () {
    return navigator.serviceWorker.ready;
  }).then(function (registration) { keep(registration.active); })
    .catch(function () { /* no offline copy: the site still works online */ });
  // A new version took over: ask it too, so this page's household is kept in the new copy.
  navigator.serviceWorker.addEventListener("controllerchange", function () { keep(navigator.serviceWorker.controller); });
}());
