// Paraat's service worker: once visited, the campaign pages in the person's language and their
// household pages open without a network. Pages come from the network first (so people see the
// newest version when online) and from the cache when offline or when the network is too slow.
// A new site build changes VERSION, which installs a new cache and deletes the old one.
// Nothing here is ever sent anywhere.
"use strict";
var VERSION = "__PARAAT_VERSION__";
var CACHE = "paraat-" + VERSION;
var NEVER = [/^\/api\//, /\/dashboard(\/|$)/, /^\/sw\.js$/, /^\/static\/(dashboard|vendor)/];

function isAsset(path) { return /^\/(assets|static)\//.test(path); }

var MANIFEST = "/offline.json";
// Material's files carry their content's hash in the name: the copy the page just loaded is the one.
var FINGERPRINTED = /\.[0-9a-f]{8,}\.min\.(css|js)$/;

// The list of what to keep comes with this version and is kept with it: fetched once, at install.
function manifest() {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(MANIFEST).then(function (kept) {
      return kept || fetch(MANIFEST, { cache: "no-cache", credentials: "omit" }).then(function (response) {
        if (!response.ok) { throw new Error(MANIFEST + ": " + response.status); }
        return cache.put(MANIFEST, response.clone()).then(function () { return response; });
      });
    });
  }).then(function (r) { return r.json(); });
}

// The shared files, each once. The page that registered this worker has just loaded most of them:
// the browser's cache hands them over (a hashed file as it is, any other after asking the server
// whether it changed, so a new version never starts with old files).
function keepAssets(assets) {
  var unique = assets.filter(function (url, i) { return assets.indexOf(url) === i; });
  return caches.open(CACHE).then(function (cache) {
    return Promise.all(unique.map(function (url) {
      var mode = FINGERPRINTED.test(url) ? "default" : "no-cache";
      return fetch(url, { cache: mode, credentials: "omit" }).then(function (response) {
        if (!response.ok) { throw new Error(url + ": " + response.status); }
        return cache.put(url, response);
      });
    }));
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(manifest().then(function (m) { return keepAssets(m.assets); })
    .then(function () { return self.skipWaiting(); }));
});

// The pages an older version kept come along, checked with the server where it answers (a 304 when
// unchanged), so an update never leaves someone without their offline pages.
function carryOver(names) {
  return caches.open(CACHE).then(function (cache) {
    return Promise.all(names.map(function (name) {
      return caches.open(name).then(function (old) {
        return old.keys().then(function (requests) {
          return Promise.all(requests.filter(function (r) {
            var path = new URL(r.url).pathname;
            return !isAsset(path) && path !== MANIFEST;  // this version brought its own list
          })
            .map(function (request) {
              var kept = function () { return old.match(request).then(function (r) { return r && cache.put(request.url, r); }); };
              return fetch(request.url, { credentials: "omit", cache: "no-cache" }).then(function (response) {
                return response.ok ? cache.put(request.url, response) : kept();
              }, kept);
            }));
        });
      });
    }));
  });
}

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    var older = keys.filter(function (k) { return k.indexOf("paraat-") === 0 && k !== CACHE; });
    return carryOver(older).then(function () { return Promise.all(older.map(function (k) { return caches.delete(k); })); });
  }).then(function () { return self.clients.claim(); }));
});

// A page is kept under its path alone: the last one seen serves offline, and queries do not pile up.
function key(url) {
  var u = new URL(url);
  return u.origin + u.pathname;
}

// An unsaved household travels in the query: such an answer is never kept, so the next person on
// this device cannot see it. A saved household's pages are kept, and forgetting drops them.
function keepable(url) {
  var u = new URL(url);
  return !u.search || u.pathname.indexOf("/saved/") !== -1;
}

// Pages being fetched now, by key: a page asked for twice (a link and the language's list) comes once.
var keeping = {};
// Pages the server refused (4xx, not 429): an error is no page to show offline, and while this worker
// runs it is not asked for again on every visit.
var refused = {};
// A few at a time, so the keeping does not crowd a weak connection.
var AT_ONCE = 4;

function keepOne(cache, url) {
  var k = key(url);
  if (!keeping[k] && !refused[k]) {
    keeping[k] = cache.match(k).then(function (have) {
      if (have) { return null; }
      return fetch(url, { credentials: "omit" }).then(function (response) {
        if (response.status >= 400 && response.status < 500 && response.status !== 429) { refused[k] = true; }
        return response.ok ? cache.put(k, response) : null;
      });
    }).catch(function () { return null; }).then(function () { delete keeping[k]; });
  }
  return keeping[k] || null;
}

function keepMissing(urls) {
  var queue = urls.filter(function (url, i) { return urls.indexOf(url) === i; });
  return caches.open(CACHE).then(function (cache) {
    function next() {
      var url = queue.shift();
      return url === undefined ? null : Promise.resolve(keepOne(cache, url)).then(next);
    }
    var lanes = [];
    for (var i = 0; i < AT_ONCE; i++) { lanes.push(next()); }
    return Promise.all(lanes);
  });
}

// Forgetting a household also drops its pages from this device.
function forget(id) {
  return caches.open(CACHE).then(function (cache) {
    return cache.keys().then(function (requests) {
      return Promise.all(requests.filter(function (r) { return r.url.indexOf("/saved/" + id + "/") !== -1; })
        .map(function (r) { return cache.delete(r); }));
    });
  });
}

// A page asks to keep its language's pages and its household's pages for offline use, or to forget one.
self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type === "forget" && /^[A-Za-z0-9_-]+$/.test(data.id || "")) { event.waitUntil(forget(data.id)); }
  if (data.type !== "keep") { return; }
  var own = (data.pages || []).filter(function (url) {
    var u = new URL(url, self.location);
    return u.origin === self.location.origin && !NEVER.some(function (pattern) { return pattern.test(u.pathname); });
  })
    .map(function (url) {
      var href = new URL(url, self.location).href;
      return keepable(href) ? href : key(href);  // the page without the unsaved household
    });
  event.waitUntil(manifest().then(function (m) {
    return keepMissing(own.concat((m.pages[data.lang] || []).map(function (p) { return new URL(p, self.location).href; })));
  }).catch(function () { return keepMissing(own); }));
});

// How long a page waits for a network that does not answer (a weak signal, an overloaded mast)
// before the kept copy is shown; the network's answer still refreshes the copy when it comes.
var PATIENCE_MS = 4000;

function keptPage(request) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(key(request.url)).then(function (hit) {
      return hit || cache.match(request, { ignoreSearch: true });
    });
  });
}

// The network's answer when it comes in time; the kept copy when the network fails or is too slow.
function page(event) {
  var request = event.request;
  var network = fetch(request);
  event.waitUntil(network.then(function (response) {
    if (response.ok && response.type === "basic" && keepable(request.url)) {
      var copy = response.clone();
      return caches.open(CACHE).then(function (cache) { return cache.put(key(request.url), copy); });
    }
    return null;
  }).catch(function () { return null; }));
  return new Promise(function (resolve) {
    var done = false;
    function answer(response) { if (!done && response) { done = true; resolve(response); } }
    var timer = setTimeout(function () { keptPage(request).then(answer); }, PATIENCE_MS);
    network.then(function (response) { clearTimeout(timer); answer(response); }, function () {
      clearTimeout(timer);
      keptPage(request).then(function (hit) { answer(hit || Response.error()); });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) { return; }
  if (NEVER.some(function (pattern) { return pattern.test(url.pathname); })) { return; }
  if (!isAsset(url.pathname)) {
    event.respondWith(page(event));
    return;
  }
  event.respondWith(caches.open(CACHE).then(function (cache) {
    return cache.match(request).then(function (hit) {
      return hit || fetch(request).then(function (response) {
        if (response.ok) { cache.put(request, response.clone()); }
        return response;
      });
    });
  }));
});
