// The text an editor types, rendered beside it by the site's own Markdown renderer and
// sanitiser (csx/content/markdown.py, asked through the admin): what readers will see. Without
// JavaScript the preview still shows the text as it was when the page loaded.
"use strict";
(function () {
  function csrfToken(element) {
    const form = element.closest("form");
    const input = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function attach(container) {
    const source = container.querySelector("textarea");
    const body = container.querySelector(".csx-preview-body");
    const url = container.dataset.previewUrl;
    if (!source || !body || !url) return;
    let timer = null;
    let asked = 0;
    source.addEventListener("input", function () {
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
        } catch (error) {
          container.classList.add("csx-preview-failed");
        }
      }, 300);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".csx-markdown").forEach(attach);
  });
})();
