// Present mode: the page's sections become full-screen slides, driven from the keyboard.
// Everything shown is already in the HTML, so without this script the page reads as a plain
// sequence of sections, and with it nothing needs the network once the page has loaded.
//
// Keys: → ↓ space PageDown reveal the next part or go forward; ← ↑ PageUp go back; Home, End;
// N shows the trainer's notes (asking first, the first time: the room may see them); S opens them in a second window; F full screen; Esc leaves.
(function () {
  "use strict";
  document.documentElement.classList.add("js-deck");

  var MIN_FIT = 0.7; // a crowded slide's type shrinks to fit, but no further (then it scrolls)

  function start() {
    var slides = Array.prototype.slice.call(document.querySelectorAll(".slide"));
    if (!slides.length) return;
    var controls = document.querySelector(".deck-controls");
    var progress = controls.querySelector(".deck-progress");
    var position = controls.querySelector(".deck-position");
    var notesButton = controls.querySelector('[data-action="notes"]');
    var leaveLink = controls.querySelector('[data-action="leave"]');
    var ask = document.querySelector(".notes-ask");
    var notesAllowed = false; // the trainer said yes to notes on the main screen
    var panel = document.createElement("aside");
    panel.className = "notes-panel";
    panel.setAttribute("aria-label", "Trainer's notes");
    panel.hidden = true;
    document.body.appendChild(panel);
    controls.hidden = false;
    progress.max = slides.length;

    var current = 0;
    var speaker = null;
    var started = Date.now();

    function reveals(slide) {
      return Array.prototype.slice.call(slide.querySelectorAll(".slide-reveal"));
    }

    function hiddenReveal(slide) {
      return reveals(slide).filter(function (part) {
        return !part.classList.contains("is-revealed");
      })[0];
    }

    function notesFor(slide) {
      // A step's notes sit on its first slide; its other slides share them.
      return document.querySelector('.slide[data-step="' + slide.dataset.step + '"] .notes');
    }

    function titleOf(slide) {
      var title = slide && slide.querySelector(".slide-title");
      return title ? title.textContent.trim() : "";
    }

    function fit(slide) {
      // Long stories shrink to fit the screen rather than run off it.
      var scale = 1;
      slide.style.setProperty("--fit", "1");
      while (slide.scrollHeight > slide.clientHeight + 1 && scale > MIN_FIT) {
        scale -= 0.05;
        slide.style.setProperty("--fit", scale.toFixed(2));
      }
    }

    function fillNotes(target, slide) {
      var notes = notesFor(slide);
      target.replaceChildren();
      if (notes) {
        Array.prototype.forEach.call(notes.childNodes, function (node) {
          target.appendChild(target.ownerDocument.importNode(node, true));
        });
      } else {
        var none = target.ownerDocument.createElement("p");
        none.textContent = "No notes for this slide.";
        target.appendChild(none);
      }
    }

    function show(index, revealAll) {
      current = Math.max(0, Math.min(slides.length - 1, index));
      var slide = slides[current];
      slides.forEach(function (other, i) {
        other.hidden = i !== current;
      });
      reveals(slide).forEach(function (part) {
        part.classList.toggle("is-revealed", Boolean(revealAll));
      });
      fit(slide);
      progress.value = current + 1;
      progress.textContent = "Slide " + (current + 1) + " of " + slides.length;
      var meta = slide.querySelector(".slide-meta");
      position.textContent =
        current + 1 + " / " + slides.length + (meta ? " · " + meta.textContent.split(" · ")[0] : "");
      fillNotes(panel, slide);
      history.replaceState(null, "", "#" + slide.id);
      updateSpeaker();
    }

    function forward() {
      var part = hiddenReveal(slides[current]);
      if (part) {
        part.classList.add("is-revealed");
        updateSpeaker();
      } else if (current < slides.length - 1) {
        show(current + 1, false);
      }
    }

    function back() {
      if (current > 0) show(current - 1, true);
    }

    function setNotes(shown) {
      panel.hidden = !shown;
      notesButton.setAttribute("aria-pressed", String(shown));
    }

    function toggleNotes() {
      if (!panel.hidden || notesAllowed) {
        setNotes(panel.hidden);
        return;
      }
      // The main screen is often a projector: ask once before putting the notes on it.
      ask.returnValue = "cancel";
      ask.showModal();
    }

    ask.addEventListener("close", function () {
      if (ask.returnValue === "here") {
        notesAllowed = true;
        setNotes(true);
      } else if (ask.returnValue === "window") {
        openSpeaker();
      }
    });

    function toggleFullscreen() {
      if (document.fullscreenElement) {
        document.exitFullscreen();
      } else if (document.documentElement.requestFullscreen) {
        document.documentElement.requestFullscreen().catch(function () {});
      }
    }

    function leave() {
      if (speaker && !speaker.closed) speaker.close();
      window.location.href = leaveLink.href;
    }

    // The notes window is drawn from this page (no second download), so it opens offline too.
    function openSpeaker() {
      if (!speaker || speaker.closed) {
        speaker = window.open("", "csx-speaker-notes", "popup,width=820,height=620");
        if (!speaker) return; // a blocked pop-up: the N key still shows the notes here
        var doc = speaker.document;
        doc.title = "Notes · " + document.title;
        document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
          doc.head.appendChild(doc.importNode(link, true));
        });
        doc.documentElement.lang = "en";
        doc.body.className = "speaker";
        ["speaker-status", "speaker-now", "speaker-next", "speaker-notes"].forEach(function (name) {
          var part = doc.createElement(name === "speaker-notes" ? "main" : "p");
          part.className = name;
          doc.body.appendChild(part);
        });
        doc.addEventListener("keydown", onKey);
        speaker.setInterval(updateClock, 1000);
      }
      updateSpeaker();
      speaker.focus();
    }

    function updateClock() {
      if (!speaker || speaker.closed) return;
      var seconds = Math.floor((Date.now() - started) / 1000);
      var clock = Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
      speaker.document.querySelector(".speaker-status").textContent =
        "Slide " + (current + 1) + " of " + slides.length + " · " + clock + " elapsed";
    }

    function updateSpeaker() {
      if (!speaker || speaker.closed) return;
      var doc = speaker.document;
      var slide = slides[current];
      var pending = hiddenReveal(slide);
      doc.querySelector(".speaker-now").textContent =
        "Now: " + titleOf(slide) + (pending ? " (a part still to reveal)" : "");
      fillNotes(doc.querySelector(".speaker-notes"), slide);
      var next = slides[current + 1];
      doc.querySelector(".speaker-next").textContent = next ? "Next: " + titleOf(next) : "The last slide.";
      updateClock();
    }

    var ACTIONS = {
      ArrowRight: forward, ArrowDown: forward, PageDown: forward, " ": forward,
      ArrowLeft: back, ArrowUp: back, PageUp: back,
      Home: function () { show(0, false); },
      End: function () { show(slides.length - 1, true); },
      Escape: leave,
      n: toggleNotes, N: toggleNotes,
      s: openSpeaker, S: openSpeaker,
      f: toggleFullscreen, F: toggleFullscreen,
    };

    function onKey(event) {
      if (event.altKey || event.ctrlKey || event.metaKey || ask.open) return;
      // Space on a focused button presses the button.
      if (event.key === " " && event.target.closest && event.target.closest("button, a")) return;
      var action = ACTIONS[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    }

    document.addEventListener("keydown", onKey);
    controls.addEventListener("click", function (event) {
      var button = event.target.closest("[data-action]");
      if (!button || button.dataset.action === "leave") return;
      ({ back: back, forward: forward, notes: toggleNotes, speaker: openSpeaker,
         fullscreen: toggleFullscreen })[button.dataset.action]();
    });
    window.addEventListener("resize", function () {
      fit(slides[current]);
    });
    window.addEventListener("hashchange", function () {
      var index = indexOf(window.location.hash);
      if (index >= 0 && index !== current) show(index, false);
    });
    window.addEventListener("pagehide", function () {
      if (speaker && !speaker.closed) speaker.close();
    });

    function indexOf(hash) {
      return slides.findIndex(function (slide) {
        return "#" + slide.id === hash;
      });
    }

    show(Math.max(indexOf(window.location.hash), 0), false);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
