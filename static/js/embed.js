// An embedded card tells the page around it how tall it is, so that page's optional host
// script (/embed/host.js) can fit the frame to the card: no scroll bar, nothing cut off.
(function () {
  "use strict";
  var card = document.querySelector(".embed-card");
  if (window.parent === window || !card) return;
  var reported = 0;
  function report() {
    var height = Math.ceil(card.getBoundingClientRect().bottom + window.scrollY);
    if (height === reported) return;
    reported = height;
    // The height is no secret, so any page may hear it; host.js checks who is speaking.
    window.parent.postMessage({ type: "csx-embed-height", height: height }, "*");
  }
  if (window.ResizeObserver) new ResizeObserver(report).observe(card);
  window.addEventListener("load", report);
  // A host script that arrives after the card asks again.
  window.addEventListener("message", function (event) {
    if (event.source === window.parent && event.data && event.data.type === "csx-embed-measure") {
      reported = 0;
      report();
    }
  });
  report();
})();
