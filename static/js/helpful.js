// "Was this helpful?" without leaving the page. Without JavaScript the same forms post and
// come back to the page with a thank-you; here the server sends the panel's next state,
// drawn from the same template, and it replaces the old one. No cookie goes either way.
(function () {
  if (!window.fetch || !window.FormData) return;
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var panel = form.closest("[data-helpful]");
    if (!panel || form.dataset.plain) return;
    event.preventDefault();
    var body = new FormData(form);
    var submitter = event.submitter;
    if (submitter && submitter.name) body.append(submitter.name, submitter.value);
    var buttons = form.querySelectorAll("button");
    buttons.forEach(function (button) { button.disabled = true; });
    fetch(form.action, {
      method: "POST",
      body: body,
      credentials: "omit",
      headers: { Accept: "application/json" },
    })
      .then(function (response) { return response.json(); })
      .then(function (answer) {
        if (!answer.html) throw new Error(answer.error || "no answer");
        var holder = document.createElement("div");
        holder.innerHTML = answer.html;
        var next = holder.querySelector("[data-helpful]");
        panel.replaceWith(next);
        var status = next.querySelector("[role=status]");
        if (status) status.focus();
      })
      .catch(function () {
        // Let the browser post it the plain way instead, and show the page it gets back.
        form.dataset.plain = "1";
        if (submitter && submitter.name) {
          var chosen = document.createElement("input");
          chosen.type = "hidden";
          chosen.name = submitter.name;
          chosen.value = submitter.value;
          form.appendChild(chosen);
        }
        form.submit();
      });
  });
})();
