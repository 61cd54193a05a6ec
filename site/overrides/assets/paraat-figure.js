// The campaign's public figure on the home page, in the page's language, when the backend answers.
// Served without the backend (or when it fails), the page simply goes without it.
(function () {
  "use strict";
  var start = document.querySelector(".pa-start");
  if (!start || !window.fetch) { return; }
  var lang = document.documentElement.lang || "nl";
  fetch("/api/stats/public?lang=" + encodeURIComponent(lang), { credentials: "omit" })
    .then(function (response) {
      var json = /json/.test(response.headers.get("Content-Type") || "");
      return response.ok && json ? response.json() : null;
    })
    .then(function (body) {
      if (!body || typeof body.text !== "string" || !body.text) { return; }  // none yet: nothing to say
      var figure = document.createElement("p");
      figure.className = "pa-figure";
      figure.textContent = body.text;
      (start.closest("p") || start).insertAdjacentElement("afterend", figure);
    })
    .catch(function () { /* no figure: nothing to say */ });
}());
