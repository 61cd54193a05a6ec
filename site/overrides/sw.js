// Paraat's service worker: once visited, the campaign pages in the person's language and their
// household pages open without a network. Pages come from the network first (so people see the
// newest version when online) and from the cache when offline. A new site build changes VERSION,
// which installs a new cache and deletes the old one. Nothing here is ever sent anywhere.
"use strict";
var VERSION = "__PARAAT_VERSION__";
var CACHE = "paraat-" + VERSION;
var NEVER = [/^\/api\//, /\/dashboard(\/|$)/, /^\/sw\.js$/];

function manifest() {
  return fetch("/offline.json", { cache: "no-store", credentials: "omit" }).then(function (r) { return r.json(); });
}

self.addEventListener("install", function (event) {
  event.waitUntil(manifest().then(function (m) {
    return caches.open(CACHE).then(function (cache) { return cache.addAll(m.assets); });
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k.indexOf("paraat-") === 0 && k !== CACHE; })
      .map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

// A household page is kept under its path alone: the last one seen serves offline.
function key(url) {
  var u = new URL(url);
  return u.pathname.indexOf("/checklists/") !== -1 ? u.origin + u.pathname : u.href;
}

function keepMissing(urls) {
  return caches.open(CACHE).then(function (cache) {
    return Promise.all(urls.map(function (url) {
      return cache.match(key(url)).then(function (have) {
        if (have) { return null; }
        return fetch(url, { credentials: "omit" }).then(function (response) {
          if (response.ok) { return cache.put(key(url), response); }
          return null;
        }).catch(function () { return null; });
      });
    }));
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
  var own = (data.pages || []).filter(function (url) { return new URL(url, self.location).origin === self.location.origin; })
    .map(function (url) { return new URL(url, self.location).href; });
  event.waitUntil(manifest().then(function (m) {
    return keepMissing(own.concat((m.pages[data.lang] || []).map(function (p) { return new URL(p, self.location).href; })));
  }).catch(function () { return keepMissing(own); }));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) { return; }
  if (NEVER.some(function (pattern) { return pattern.test(url.pathname); })) { return; }
  var asset = /^\/(assets|static)\//.test(url.pathname);
  event.respondWith(caches.open(CACHE).then(function (cache) {
    if (asset) {
      return cache.match(request).then(function (hit) {
        return hit || fetch(request).then(function (response) {
          if (response.ok) { cache.put(request, response.clone()); }
          return response;
        });
      });
    }
    return fetch(request).then(function (response) {
      if (response.ok && response.type === "basic") { cache.put(key(request.url), response.clone()); }
      return response;
    }).catch(function () {
      return cache.match(key(request.url)).then(function (hit) {
        return hit || cache.match(request, { ignoreSearch: true }).then(function (page) {
          return page || Response.error();
        });
      });
    });
  }));
});
