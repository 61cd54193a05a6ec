// Lets the site work offline once visited: registers the service worker (sw.js) and asks it to keep
// this language's pages and the household pages this page links to (marked data-offline).
(function () {
  "use strict";
  if (!("serviceWorker" in navigator)) { return; }
  // This page and the household pages it links to, each once (a link can appear twice on a page).
  function pages() {
    var links = document.querySelectorAll("a[data-offline], a[data-continue], a[data-overview]");
    var all = [location.href].concat(Array.prototype.map.call(links, function (a) { return a.href; }))
      .map(function (href) { return href.split("#")[0]; });
    return all.filter(function (href, i) { return all.indexOf(href) === i; });
  }
  var asked = null;
  // One request per worker: on a first visit the worker that becomes ready is the one that takes over
  // the page (controllerchange), and it is asked once. A new version taking over is asked too, so
  // this page's household is kept in the new copy.
  function keep(worker) {
    if (!worker || worker === asked) { return; }
    asked = worker;
    worker.postMessage({ type: "keep", lang: document.documentElement.lang, pages: pages() });
  }
  function start() {
    // updateViaCache "all": the check for a new version asks the server whether sw.js changed (304).
    navigator.serviceWorker.register("/sw.js", { updateViaCache: "all" }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (registration) { keep(registration.active); })
      .catch(function () { /* no offline copy: the site still works online */ });
    navigator.serviceWorker.addEventListener("controllerchange", function () {
      keep(navigator.serviceWorker.controller);
    });
  }
  // After the page has loaded, so the worker finds the page's own files in the browser's cache
  // instead of fetching them again, and the keeping never slows the page down.
  if (document.readyState === "complete") { start(); } else { window.addEventListener("load", start); }
}());
