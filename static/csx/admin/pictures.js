// The picture chooser of a story form (csx/editorial/admin/images.py, PictureChooser): browse
// the image library beside the lead picture's field; a picture becomes the lead picture, or
// goes into the body where the cursor is as ![alt text](image:slug). Without JavaScript the
// field is the admin's plain select, and the library's own page lists every picture's Markdown.
"use strict";
(function () {
  function showChosen(chooser, item) {
    const current = chooser.querySelector(".csx-picture-current");
    const picture = document.createElement("img");
    picture.src = item.dataset.thumbnail;
    picture.width = 120;
    picture.height = 80;
    picture.alt = "";
    const words = document.createElement("span");
    words.textContent = item.dataset.alt;
    current.replaceChildren(picture, " ", words);
    current.dataset.id = item.dataset.id;
    current.hidden = false;
  }

  function chooseLead(chooser, select, item) {
    const id = item.dataset.id;
    let option = Array.from(select.options).find((each) => each.value === id);
    if (!option) {
      option = new Option(item.querySelector(".csx-pictures-title").textContent, id);
      select.append(option);
    }
    option.selected = true;
    // The admin's searchable select (select2) listens through jQuery.
    if (window.django && window.django.jQuery) window.django.jQuery(select).trigger("change");
    else select.dispatchEvent(new Event("change", {bubbles: true}));
    showChosen(chooser, item);
  }

  function putInText(markdown) {
    const body = document.querySelector("textarea[name=body]");
    if (!body) return;
    const before = body.value.slice(0, body.selectionStart);
    const gap = before === "" || before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
    body.setRangeText(gap + markdown + "\n\n", body.selectionStart, body.selectionEnd, "end");
    body.focus();
    // The preview and the autosave follow the text's input events.
    body.dispatchEvent(new Event("input", {bubbles: true}));
  }

  function attach(chooser) {
    const select = chooser.querySelector("select");
    const search = chooser.querySelector(".csx-pictures-search");
    const results = chooser.querySelector(".csx-pictures-results");
    const library = chooser.querySelector(".csx-pictures-library");
    let timer = null;
    let asked = 0;
    let loaded = false;

    async function load() {
      const ask = ++asked;
      const url = chooser.dataset.chooseUrl + "?q=" + encodeURIComponent(search.value);
      try {
        const response = await fetch(url, {credentials: "same-origin"});
        if (ask !== asked) return; // a newer search is on its way
        // Safe to insert: the admin drew it from its own template, every value escaped.
        if (response.ok) results.innerHTML = await response.text();
        loaded = true;
      } catch (error) {
        results.textContent = "The library could not be reached: try again in a moment.";
      }
    }

    library.addEventListener("toggle", function () {
      if (library.open && !loaded) load();
    });
    search.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(load, 250);
    });
    // Enter in the search box searches; it must not submit the story form.
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        clearTimeout(timer);
        load();
      }
    });
    results.addEventListener("click", function (event) {
      const button = event.target.closest("button[data-action]");
      if (!button) return;
      const item = button.closest("[data-id]");
      if (button.dataset.action === "lead") chooseLead(chooser, select, item);
      else putInText(item.dataset.markdown);
    });
    if (window.django && window.django.jQuery) {
      window.django.jQuery(select).on("change", function () {
        const current = chooser.querySelector(".csx-picture-current");
        current.hidden = !select.value || select.value !== current.dataset.id;
      });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".csx-pictures").forEach(attach);
  });
})();
