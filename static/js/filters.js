// The story filters wait behind one control on a phone, so results come first; a wide screen
// has room for them, so there the panel starts open. Without JavaScript it starts closed
// everywhere and one tap opens it.
(function () {
  var panel = document.querySelector("details[data-open-wide]");
  if (panel && window.matchMedia("(min-width: 48rem)").matches) panel.open = true;
  // A field left at "any" stays out of the address, saving the redirect the server would
  // answer with (csx/serving/http.py, without_empty_parameters).
  document.querySelectorAll("form.filters").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("select, input").forEach(function (field) {
        if (field.name && field.value === "") field.disabled = true;
      });
    });
  });
  // Back to this page from the browser's history, every field works again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form.filters [disabled]").forEach(function (field) {
      field.disabled = false;
    });
  });
})();
