// Counts the server would refuse are named as soon as they are typed, in the server's own words
// (rules.js decides, the page's data words it), and marked on their field for assistive technology.
(function () {
  "use strict";
  var rules = window.ParaatRules;
  if (!rules) return;

  // A check for one form: true when every count is right, else the first problem is shown in #check-error.
  window.ParaatCounts = function (form, problems) {
    var box = document.getElementById("check-error");
    function problem() {
      var raw = {};
      rules.COUNTS.forEach(function (name) { raw[name] = form.elements[name].value; });
      var found = rules.problem(raw, problems.max);
      if (!found) return null;
      var words = problems[found.kind];
      return { field: found.field, text: typeof words === "string" ? words : words[found.field] };
    }
    return function check() {
      var found = problem();
      rules.COUNTS.forEach(function (name) {
        var input = form.elements[name];
        if (found && found.field === name) {
          input.setAttribute("aria-invalid", "true");
          input.setAttribute("aria-describedby", "check-error");
        } else if (input.getAttribute("aria-describedby") === "check-error") {
          input.removeAttribute("aria-invalid");
          input.removeAttribute("aria-describedby");
        }
      });
      var text = found ? found.text : "";
      if (box.textContent !== text) box.textContent = text;
      box.hidden = !found;
      return !found;
    };
  };
})();
