// Tags already in use, offered as an editor types the one after the last comma, so that
// "wedding rings" is picked rather than typed again as "Wedding Rings". The server keeps
// one spelling anyway (lower case, single spaces); this just saves the typing.
"use strict";
(function () {
  function attach(input) {
    const list = document.getElementById(input.getAttribute("list"));
    const url = input.dataset.suggestUrl;
    if (!list || !url) return;
    let asked = 0;
    let timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(async function () {
        const cut = input.value.lastIndexOf(",");
        const typed = input.value.slice(cut + 1).trim();
        const before = cut >= 0 ? input.value.slice(0, cut + 1) + " " : "";
        const ask = ++asked;
        if (!typed) { list.replaceChildren(); return; }
        try {
          const response = await fetch(url + "?q=" + encodeURIComponent(typed), {credentials: "same-origin"});
          if (!response.ok || ask !== asked) return;
          const typedAlready = before.split(",").map((name) => name.trim().toLowerCase());
          const found = (await response.json()).tags.filter((name) => !typedAlready.includes(name));
          list.replaceChildren(...found.map(function (name) {
            const option = document.createElement("option");
            option.value = before + name;
            option.label = name;
            return option;
          }));
        } catch (error) { /* suggestions are a convenience: typing still works */ }
      }, 150);
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input.csx-tags[list]").forEach(attach);
  });
})();
