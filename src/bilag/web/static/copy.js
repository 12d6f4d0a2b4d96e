// Copy buttons: <button data-copy="ID" data-copied="Copied" hidden> copies the value (or text)
// of the element with that id. Without JavaScript the button stays hidden and the text can be
// selected and copied by hand.
(function () {
  "use strict";
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var target = document.getElementById(button.getAttribute("data-copy"));
    if (!target) {
      return;
    }
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = "value" in target ? target.value : target.textContent;
      var done = function () {
        button.textContent = button.getAttribute("data-copied") || label;
        window.setTimeout(function () { button.textContent = label; }, 2000);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, function () { target.select(); });
      } else if (target.select) {
        target.select();
        document.execCommand("copy");
        done();
      }
    });
  });
})();
