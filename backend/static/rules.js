// The household rules the server applies, for the page script to follow each change at once:
// quantities (checklists.Quantity.amount), which items apply (checklists.Item.applies), a checklist's
// progress (progress.checklist_progress) and the counts the server refuses (answers.py).
// tests/unit/test_page_rules.py runs these against the server's own functions.
(function (root) {
  "use strict";
  var COUNTS = ["adults", "children", "infants", "pets"];
  var DIGIT = /[0-9]/;
  try { DIGIT = new RegExp("\\p{Nd}", "u"); } catch (e) { /* an older browser: ASCII digits; the server decides */ }
  // A digit of any script, as Python's int() reads it: digits come in runs of ten, from zero.
  function digit(ch) {
    var cp = ch.codePointAt(0), zero = cp;
    while (DIGIT.test(String.fromCodePoint(zero - 1))) zero--;
    return (cp - zero) % 10;
  }
  var rules = {
    COUNTS: COUNTS,
    // A typed count as the server reads it (answers._whole): empty is 0, any script's digits, else NaN.
    count: function (raw) {
      var text = String(raw === undefined || raw === null ? "" : raw).trim();
      var negative = text.charAt(0) === "-", digits = Array.from(negative ? text.slice(1) : text);
      if (!text) return 0;
      if (!digits.length || !digits.every(function (ch) { return DIGIT.test(ch); })) return NaN;
      if (digits.length > 6) return negative ? -1e6 : 1e6;  // out of range whatever it is
      var n = digits.reduce(function (sum, ch) { return sum * 10 + digit(ch); }, 0);
      return negative ? -n : n;
    },
    // A weighted count of the household, times the days if per day.
    amount: function (q, h, days) {
      var total = q.adult * h.adults + q.child * h.children + q.infant * h.infants + q.pet * h.pets + q.household;
      return q.per_day ? total * days : total;
    },
    applies: function (onlyIf, h) {
      if (!onlyIf) return true;
      return onlyIf === "care" ? !!h.care : h[onlyIf] > 0;
    },
    // The essential items that apply to the household, how many of them are ticked, and whether all are.
    progress: function (items, h, ticked) {
      var essentials = items.filter(function (i) { return i.essential && rules.applies(i.only_if, h); });
      var done = essentials.filter(function (i) { return ticked.indexOf(i.id) !== -1; }).length;
      return { essential: essentials.length, checked: done, complete: done === essentials.length };
    },
    // The first count the server would refuse, as {field, kind}: "whole", "range" or "empty"; else null.
    problem: function (raw, max) {
      var persons = 0;
      for (var i = 0; i < COUNTS.length; i++) {
        var name = COUNTS[i], n = rules.count(raw[name]);
        if (isNaN(n)) return { field: name, kind: "whole" };
        if (n < 0 || n > max) return { field: name, kind: "range" };
        if (name !== "pets") persons += n;
      }
      return persons ? null : { field: "adults", kind: "empty" };
    }
  };
  if (typeof module !== "undefined" && module.exports) module.exports = rules;
  else root.ParaatRules = rules;
})(this);
