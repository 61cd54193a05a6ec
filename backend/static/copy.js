// After saving: the resume link's copy button, shown only where the browser can copy.
(function () {
  "use strict";
  var copy = document.getElementById("copy-resume");
  var texts = document.getElementById("checklist-strings");
  if (!copy || !texts || !navigator.clipboard) return;
  var strings = JSON.parse(texts.textContent);
  copy.hidden = false;
  copy.addEventListener("click", function () {
    var said = document.getElementById("copy-status");
    navigator.clipboard.writeText(copy.getAttribute("data-copy")).then(function () {
      said.textContent = strings.copied;
    }, function () { said.textContent = strings.copy_failed; });
  });
})();
