// Copy buttons for links and citations. The text is on the page without JavaScript;
// this only reveals the buttons where the browser lets us write to the clipboard.
(function () {
  if (!navigator.clipboard) return;
  document.querySelectorAll("button.copy").forEach(function (button) {
    button.hidden = false;
    var label = button.textContent;
    button.addEventListener("click", function () {
      var source = button.dataset.copyFrom && document.getElementById(button.dataset.copyFrom);
      var text = source ? source.textContent.trim() : button.dataset.copy;
      navigator.clipboard.writeText(text).then(
        function () { button.textContent = "Copied"; },
        function () { button.textContent = "Copy failed: select the text instead"; }
      );
      setTimeout(function () { button.textContent = label; }, 2500);
    });
  });
})();
