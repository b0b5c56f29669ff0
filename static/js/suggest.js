// Suggestions as the reader types in the header's search box: the ARIA 1.2 combobox
// pattern (role=combobox on the box, a listbox of options, aria-activedescendant for the
// option chosen with the arrow keys). Without JavaScript the box is a plain search form;
// here Enter still submits it unless an option is chosen. Asks after a pause in typing
// (DEBOUNCE_MS), and each answer is kept for the page's life (and by the browser's HTTP
// cache, see the view's Cache-Control).
(function () {
  var DEBOUNCE_MS = 150;
  var input = document.querySelector("[data-suggest]");
  if (!input || !window.fetch) return;
  var form = input.form;
  var answers = new Map();
  var listbox = document.createElement("ul");
  var status = document.createElement("p");
  var timer = null;
  var active = -1;
  var options = [];

  listbox.id = "site-search-suggestions";
  listbox.className = "search-suggestions";
  listbox.setAttribute("role", "listbox");
  listbox.setAttribute("aria-label", "Suggestions");
  listbox.hidden = true;
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  form.classList.add("has-suggestions");
  form.append(listbox, status);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listbox.id);
  input.setAttribute("autocomplete", "off");

  function close() {
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function choose(index) {
    options.forEach(function (option, i) {
      option.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    active = index;
    if (index < 0) input.removeAttribute("aria-activedescendant");
    else input.setAttribute("aria-activedescendant", options[index].id);
  }

  function draw(suggestions) {
    listbox.replaceChildren();
    options = suggestions.map(function (suggestion, i) {
      var option = document.createElement("li");
      var kind = document.createElement("span");
      option.id = "site-search-suggestion-" + i;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.dataset.url = suggestion.url;
      kind.className = "suggestion-kind";
      kind.textContent = suggestion.kind;
      option.append(suggestion.title + " ", kind);
      option.addEventListener("mousedown", function (event) {
        event.preventDefault(); // keep the focus in the box
        window.location.href = suggestion.url;
      });
      listbox.append(option);
      return option;
    });
    active = -1;
    input.removeAttribute("aria-activedescendant");
    listbox.hidden = options.length === 0;
    input.setAttribute("aria-expanded", options.length ? "true" : "false");
    status.textContent = options.length
      ? options.length + (options.length === 1 ? " suggestion" : " suggestions") +
        ", use the up and down arrows to choose"
      : "";
  }

  function ask(text) {
    if (answers.has(text)) return Promise.resolve(answers.get(text));
    var url = input.dataset.suggest + "?q=" + encodeURIComponent(text);
    return fetch(url, { credentials: "omit", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
      .then(function (answer) {
        answers.set(text, answer.suggestions);
        return answer.suggestions;
      });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    var text = input.value.trim();
    if (text.length < 2) return close();
    timer = setTimeout(function () {
      ask(text).then(function (suggestions) {
        if (input.value.trim() === text) draw(suggestions);
      }).catch(close);
    }, DEBOUNCE_MS);
  });

  input.addEventListener("keydown", function (event) {
    var open = !listbox.hidden;
    if (event.key === "ArrowDown" && options.length) {
      event.preventDefault();
      if (!open) { listbox.hidden = false; input.setAttribute("aria-expanded", "true"); }
      choose(active + 1 < options.length ? active + 1 : 0);
    } else if (event.key === "ArrowUp" && open) {
      event.preventDefault();
      choose(active > 0 ? active - 1 : options.length - 1);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      close();
    } else if (event.key === "Enter" && open && active >= 0) {
      event.preventDefault();
      window.location.href = options[active].dataset.url;
    }
  });

  input.addEventListener("blur", close);
})();
