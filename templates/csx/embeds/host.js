// CSX Library cards: optional, for a page that embeds them. Add it once, anywhere on the page:
//   <script src="{{ script_url }}" async></script>
// Each card's frame then takes the height its card reports, so none shows a scroll bar or is
// cut off, whatever width the page gives it. Without it, a card keeps its frame's height.
(function () {
  "use strict";
  var CARDS = "{{ origin|escapejs }}";
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.origin !== CARDS || !data || data.type !== "csx-embed-height") return;
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        var height = Math.round(Number(data.height));
        if (height > 0 && height <= 4000) frames[i].style.height = height + "px";
        return;
      }
    }
  });
  // Cards that loaded before this script have already spoken: ask them again.
  var frames = document.getElementsByTagName("iframe");
  for (var i = 0; i < frames.length; i++) {
    if (frames[i].contentWindow) frames[i].contentWindow.postMessage({ type: "csx-embed-measure" }, CARDS);
  }
})();
