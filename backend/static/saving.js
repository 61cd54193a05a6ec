// What this device keeps of a saved household, and saving it on every change: the household's id (once
// the person chose to save), and one save at a time, always of the latest answers, so an older one never
// lands last. Without a network the latest answers wait on this device and go when it is back.
// checklist.js owns the page; this file only keeps and sends.
(function () {
  "use strict";
  var storageKey = "paraat:household";
  function remember(id) {
    try { if (id) localStorage.setItem(storageKey, id); else localStorage.removeItem(storageKey); }
    catch (e) { /* storage may be off; the resume link still works */ }
  }
  function remembered() {
    try { return localStorage.getItem(storageKey); } catch (e) { return null; }
  }

  function key(recordId) { return "paraat:waiting:" + recordId; }

  // The answers waiting for the household: read (no argument), keep (answers) or drop (null).
  function waiting(recordId, answers) {
    try {
      if (answers) localStorage.setItem(key(recordId), JSON.stringify(answers));
      else if (answers === null) localStorage.removeItem(key(recordId));
      return JSON.parse(localStorage.getItem(key(recordId)) || "null");
    } catch (e) { return null; }
  }

  // A saver for one household: state is the page's live answers; report.saved() after a save no newer
  // change follows, report.failed(error) with the server's error ({message}) or {offline: true}.
  function saver(recordId, state, report) {
    var saving = null, again = false;
    function save() {
      if (saving) { again = true; return saving; }
      waiting(recordId, state);
      saving = fetch("/api/households/" + recordId, {
        method: "PUT",
        headers: { "Content-Type": "application/json", "Accept": "application/json" },
        body: JSON.stringify(state)
      }).then(function (res) {
        // Saved, or refused for good: nothing waits. A busy or restarting server (429, 5xx): try again later.
        if (res.status < 500 && res.status !== 429) waiting(recordId, null);
        return res.json().catch(function () { return {}; }).then(function (json) {
          if (!res.ok) throw json.error || {};
          if (!again) report.saved();
        });
      }, function () {
        throw { offline: true };
      }).catch(function (err) {
        report.failed(err || {});
      }).then(function () {
        saving = null;
        if (again) { again = false; return save(); }
      });
      return saving;
    }
    window.addEventListener("online", function () { if (waiting(recordId)) save(); });
    return {
      save: save,
      waiting: function () { return waiting(recordId); }
    };
  }

  window.ParaatSaving = {
    saver: saver,
    remember: remember,  // the household saved on this device (null: none)
    remembered: remembered,
    // A forgotten household leaves nothing waiting on this device.
    forget: function (recordId) { waiting(recordId, null); }
  };
})();
