// Material's search worker, started only once someone opens the search. Material starts its worker
// with every page and it fetches its search engine and language files at once (about 17 KB), while
// most visitors never search. This worker stands in its place (partials/paraat-config.html): it
// holds Material's messages until a page of this site says "start" (assets/paraat-search.js, when
// the search field gets focus or the search button is pressed), then loads Material's own worker
// (named in this file's address) and hands it the held messages. Material's page script sees the
// usual "ready" as soon as the index is in, as it always does. It sits beside Material's worker so
// the language files Material's worker loads by relative address are found where they are.
"use strict";
var held = [];
var channel = null;

function start() {
  if (!held) { return; }
  var messages = held;
  held = null;
  if (channel) { channel.close(); }
  var material = new URL(location.href).searchParams.get("material") || "";
  if (/^search\.[0-9a-f]+\.min\.js$/.test(material)) { importScripts(material); }
  messages.forEach(function (data) { self.dispatchEvent(new MessageEvent("message", { data: data })); });
}

self.addEventListener("message", function (event) { if (held) { held.push(event.data); } });

if (typeof BroadcastChannel === "undefined") {
  start();  // no way to hear the page: search starts at once, as Material's does
} else {
  channel = new BroadcastChannel("paraat-search");
  channel.onmessage = function (event) { if (event.data === "start") { start(); } };
  // A page whose search was opened before this worker listened says so again.
  channel.postMessage("waiting");
}
