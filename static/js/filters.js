// The story filters wait behind one control on a phone, so results come first; a wide screen
// has room for them, so there the panel starts open. Without JavaScript it starts closed
// everywhere and one tap opens it.
(function () {
  var panel = document.querySelector("details[data-open-wide]");
  if (panel && window.matchMedia("(min-width: 48rem)").matches) panel.open = true;
})();
