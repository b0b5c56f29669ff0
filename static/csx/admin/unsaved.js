// Typed work is not lost to a stray click: once an editor changes the item's form, leaving
// the page (a link, the header, closing the tab) asks first; saving or choosing a workflow
// button does not. The browser words the question itself.
"use strict";
(function () {
  const form = document.querySelector("#content-main form");
  if (!form) return;
  let changed = false;
  form.addEventListener("input", function () { changed = true; });
  form.addEventListener("change", function () { changed = true; });
  form.addEventListener("submit", function () { changed = false; });
  window.addEventListener("beforeunload", function (event) {
    if (!changed) return;
    event.preventDefault();
    event.returnValue = "";  // what older browsers read
  });
})();
