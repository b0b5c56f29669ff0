// The text an editor types, rendered beside it by the site's own Markdown renderer and
// sanitiser (csx/content/markdown.py, asked through the admin): what readers will see. The
// preview scrolls with the text, and a picker above the text writes links to other items
// (`[title](story:slug)`) at the cursor. Without JavaScript the preview still shows the text
// as it was when the page loaded, and the picker stays hidden.
"use strict";
(function () {
  function csrfToken(element) {
    const form = element.closest("form");
    const input = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function attach(container) {
    const source = container.querySelector("textarea");
    const preview = container.querySelector(".csx-markdown-preview");
    const body = container.querySelector(".csx-preview-body");
    const url = container.dataset.previewUrl;
    if (!source || !body || !url) return;
    let timer = null;
    let asked = 0;
    function refresh() {
      clearTimeout(timer);
      timer = setTimeout(async function () {
        const ask = ++asked;
        const data = new FormData();
        data.append("text", source.value);
        try {
          const response = await fetch(url, {
            method: "POST",
            body: data,
            headers: {"X-CSRFToken": csrfToken(container)},
            credentials: "same-origin",
          });
          if (ask !== asked) return; // a newer preview is on its way
          // Safe to insert: the server has sanitised it with the site's allow-list.
          body.innerHTML = response.ok ? await response.text() : "";
          container.classList.toggle("csx-preview-failed", !response.ok);
          follow();
        } catch (error) {
          container.classList.add("csx-preview-failed");
        }
      }, 300);
    }
    // The preview shows the same share of its length as the text does: a paragraph
    // renders about as long as it is typed, so the two stay side by side.
    function follow() {
      const range = source.scrollHeight - source.clientHeight;
      const share = range > 0 ? source.scrollTop / range : 0;
      preview.scrollTop = share * (preview.scrollHeight - preview.clientHeight);
    }
    source.addEventListener("input", refresh);
    source.addEventListener("scroll", follow, {passive: true});
  }

  // The picker: what the admin finds for the words typed (csx/editorial/admin/writing.py),
  // each a button that writes its link into the text.
  function attachPicker(help) {
    const picker = help.querySelector(".csx-picker");
    const field = help.nextElementSibling && help.nextElementSibling.querySelector("textarea");
    if (!picker || !field) return;
    const search = picker.querySelector(".csx-picker-search");
    const results = picker.querySelector(".csx-picker-results");
    let timer = null;
    let asked = 0;
    picker.hidden = false;
    search.addEventListener("change", function (event) { event.stopPropagation(); });
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault(); // searching, not saving the form
    });
    search.addEventListener("input", function (event) {
      // Words typed to search are not a change to the item: the form's unsaved-changes
      // warning and autosave (autosave.js, listening on the form) never hear of them.
      event.stopPropagation();
      clearTimeout(timer);
      timer = setTimeout(async function () {
        const ask = ++asked;
        const words = search.value.trim();
        if (!words) {
          results.replaceChildren();
          return;
        }
        const address = picker.dataset.referenceSearch + "?q=" + encodeURIComponent(words);
        const response = await fetch(address, {credentials: "same-origin"});
        if (ask !== asked || !response.ok) return;
        show((await response.json()).results, words);
      }, 200);
    });

    function show(found, words) {
      results.replaceChildren();
      if (!found.length) {
        const none = document.createElement("li");
        none.className = "csx-quiet";
        none.textContent = "Nothing here has “" + words + "” in its title.";
        results.append(none);
        return;
      }
      found.forEach(function (item) {
        const entry = document.createElement("li");
        const choose = document.createElement("button");
        choose.type = "button";
        choose.textContent = item.title;
        choose.addEventListener("click", function () { insert(item); });
        const about = document.createElement("span");
        about.className = "csx-meta";
        about.textContent = item.kind + " · " + item.reference +
          (item.live ? "" : " · not live: readers see plain text until it is");
        entry.append(choose, " ", about);
        results.append(entry);
      });
    }

    // Words selected in the text become the link's words; otherwise the item's title.
    function insert(item) {
      const start = field.selectionStart;
      const end = field.selectionEnd;
      const words = field.value.slice(start, end).replace(/[\\[\]]/g, "\\$&");
      const link = words.trim() ? "[" + words + "](" + item.reference + ")" : item.markdown;
      field.focus();
      field.setRangeText(link, start, end, "end");
      field.dispatchEvent(new Event("input", {bubbles: true})); // autosave and the preview
      results.replaceChildren();
      search.value = "";
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".csx-markdown").forEach(attach);
    document.querySelectorAll(".csx-writing-help").forEach(attachPicker);
  });
})();
