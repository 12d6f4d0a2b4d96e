// Kassekladde: Enter saves the row it is typed in, the new row gets focus after an add, a
// changed row is marked, and the booking status reloads itself while items are waiting.
// Without this script every row is still a plain form with Save/Delete buttons.
(function () {
  "use strict";

  function rowForm(input) {
    var id = input.getAttribute("form");
    return id ? document.getElementById(id) : null;
  }

  function enhanceGrid(grid) {
    grid.addEventListener("keydown", function (event) {
      var input = event.target;
      if (event.key !== "Enter" || input.tagName !== "INPUT" || input.type === "file") return;
      var form = rowForm(input);
      if (!form) return;
      event.preventDefault();
      var save = form.querySelector('button[value="save"]') || form.querySelector("button");
      if (form.requestSubmit) form.requestSubmit(save); else save.click();
    });
    grid.addEventListener("input", function (event) {
      var row = event.target.closest("tr[data-row]");
      if (row) row.classList.add("dirty");
    });
    var failed = grid.querySelector("tr.failed input:not([type=hidden])");
    var first = document.querySelector("#new-line input");
    if (failed) failed.focus();
    else if (grid.dataset.focusNew === "true" && first) first.focus();
  }

  // The pages' CSP allows no fetch (no connect-src), so waiting means reloading the page.
  function pollStatus(box) {
    if (box.dataset.waiting !== "true") return;
    window.setTimeout(function () { window.location.reload(); }, 1000);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var grid = document.getElementById("kassekladde");
    if (grid) enhanceGrid(grid);
    var box = document.getElementById("booking-status");
    if (box) pollStatus(box);
  });
})();
