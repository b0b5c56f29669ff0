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
  // The company and tag boxes hold a short list of suggestions (stories/choosers.py); as
  // the reader types, the list is refilled with the names of that kind holding the text,
  // from the header search's suggestions, so every company and tag can be found. The
  // browser's own list narrows what it holds: without JavaScript the box still works.
  var DEBOUNCE_MS = 150;
  document.querySelectorAll("input[data-suggest-kind][list]").forEach(function (box) {
    var list = document.getElementById(box.getAttribute("list"));
    var header = document.querySelector("[data-suggest]");
    var timer = null;
    var answers = new Map();
    if (!list || !window.fetch) return;
    var url = header ? header.getAttribute("data-suggest") : "/search/suggest/";

    // The last answer's names replace the one before; the page's own suggestions stay.
    function fill(names) {
      list.querySelectorAll("option[data-asked]").forEach(function (option) {
        option.remove();
      });
      var known = {};
      Array.prototype.forEach.call(list.options, function (option) {
        known[option.value] = true;
      });
      names.forEach(function (name) {
        if (known[name]) return;
        var option = document.createElement("option");
        option.value = name;
        option.setAttribute("data-asked", "");
        list.append(option);
      });
    }

    box.addEventListener("input", function () {
      var text = box.value.trim();
      clearTimeout(timer);
      if (text.length < 2) return;
      timer = setTimeout(function () {
        var key = text.toLowerCase();
        if (answers.has(key)) return fill(answers.get(key));
        var query = new URLSearchParams({ q: text, kind: box.getAttribute("data-suggest-kind") });
        fetch(url + "?" + query.toString(), { headers: { Accept: "application/json" } })
          .then(function (response) {
            return response.ok ? response.json() : { suggestions: [] };
          })
          .then(function (answer) {
            var names = answer.suggestions.map(function (found) {
              return found.title;
            });
            answers.set(key, names);
            fill(names);
          })
          .catch(function () {});
      }, DEBOUNCE_MS);
    });
  });
  // Back to this page from the browser's history, every field works again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form.filters [disabled]").forEach(function (field) {
      field.disabled = false;
    });
  });
})();
