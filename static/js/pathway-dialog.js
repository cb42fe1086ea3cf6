// Opens a featured pathway's details in a <dialog> instead of following the link.
// Without JavaScript (or without <dialog> support) the link opens the pathway's own page.
(function () {
  "use strict";
  // A handout shows the day it was printed, even when the page was rendered earlier.
  window.addEventListener("beforeprint", function () {
    var today = new Date().toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric" });
    document.querySelectorAll("[data-print-date]").forEach(function (el) { el.textContent = today; });
  });
  if (typeof HTMLDialogElement !== "function") return;
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-opens-dialog]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    var dialog = document.getElementById(link.getAttribute("data-opens-dialog"));
    if (!dialog) return;
    event.preventDefault();
    dialog.addEventListener("close", function () { link.focus(); }, { once: true });
    dialog.showModal();
  });
  // A click on the backdrop (outside the dialog's box) closes it too.
  document.querySelectorAll("dialog.pathway-dialog").forEach(function (dialog) {
    dialog.addEventListener("click", function (event) {
      if (event.target !== dialog) return;
      var box = dialog.getBoundingClientRect();
      var outside = event.clientX < box.left || event.clientX > box.right ||
        event.clientY < box.top || event.clientY > box.bottom;
      if (outside) dialog.close();
    });
  });
})();
