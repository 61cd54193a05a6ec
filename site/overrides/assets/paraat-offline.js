// Lets the site work offline once visited: registers the service worker (sw.js) and asks it to keep
// this language's pages and the household pages this page links to (marked data-offline).
(function () {
  "use strict";
  if (!("serviceWorker" in navigator)) { return; }
  navigator.serviceWorker.register("/sw.js").then(function () {
    return navigator.serviceWorker.ready;
  }).then(function (registration) {
    var pages = Array.prototype.map.call(document.querySelectorAll("a[data-offline], a[data-continue], a[data-overview]"), function (a) { return a.href; });
    pages.push(location.href);
    registration.active.postMessage({ type: "keep", lang: document.documentElement.lang, pages: pages });
  }).catch(function () { /* no offline copy: the site still works online */ });
}());
