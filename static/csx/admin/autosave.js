// Typed work is never lost (issue 22, item 1). On an item's change form:
// - leaving the page with changes not yet saved (a link, the header, closing the tab) asks
//   first; saving or a workflow button does not (the browser words the question itself);
// - what is typed is kept on the server every few seconds, as the editor's private copy
//   (csx/editorial/admin/autosave.py), and offered back when the form opens again:
//   "Restore what you were typing (saved at 10:42)", or discard it;
// - when the session has expired, nothing is lost: the text stays on the page and in this
//   browser (localStorage), the page says to sign in again in a new tab, and once that is
//   done it takes the new security token, so saving works. A save is only sent once the
//   session is known to be alive, so it never lands on the sign-in page.
"use strict";
(function () {
  // The change form itself (its id is "<model>_form"), not a small form of the object tools.
  const form = document.querySelector("#content-main form[id$=\"_form\"]");
  const configNode = document.getElementById("csx-autosave");
  if (!form) return;
  const config = configNode ? JSON.parse(configNode.dataset.config) : null;
  const QUIET = 2000;  // ms after the last keystroke
  const AT_MOST = 10000;  // ms between saves while typing on
  const RECHECK = 4000;  // ms between looks at the session while signed out
  const FRESH = 60000;  // ms a session known alive is trusted for a save without asking
  let changed = false;  // since the form was last saved: leaving asks
  let unsent = false;  // since the last autosave
  let timer = null, firstUnsent = 0, sending = false, confirmed = false, recheck = null, back = false;
  let lastAlive = Date.now(), out = false;  // the page was just served: alive

  window.addEventListener("beforeunload", function (event) {
    if (!changed) return;
    event.preventDefault();
    event.returnValue = "";  // what older browsers read
  });
  function touched() {
    changed = true;
    if (!config) return;
    unsent = true;
    firstUnsent = firstUnsent || Date.now();
    clearTimeout(timer);
    const wait = Math.max(0, Math.min(QUIET, firstUnsent + AT_MOST - Date.now()));
    timer = setTimeout(send, wait);
  }
  form.addEventListener("input", touched);
  form.addEventListener("change", touched);
  if (!config) {
    form.addEventListener("submit", function () { changed = false; });
    return;
  }

  // What the page says about the copy: one line above the form.
  const line = document.createElement("div");
  line.className = "csx-autosave";
  line.setAttribute("role", "status");
  line.hidden = true;
  form.prepend(line);
  function say(text, tone, ...extra) {
    line.replaceChildren(document.createTextNode(text), ...extra);
    line.className = "csx-autosave" + (tone ? " csx-autosave-" + tone : "");
    line.hidden = false;
  }
  function button(text, action) {
    const node = document.createElement("button");
    node.type = "button";
    node.textContent = text;
    node.addEventListener("click", action);
    return node;
  }

  // The form as typed: [[name, value, label], ...]; a choice keeps its visible label, so a
  // search-as-you-type box can show it again.
  function skipped(el) {
    return !el.name || el.disabled || ["file", "submit", "button", "reset"].includes(el.type)
      || el.name === "csrfmiddlewaretoken" || /-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS$/.test(el.name);
  }
  function fields() {
    const out = [];
    for (const el of form.elements) {
      if (skipped(el)) continue;
      if ((el.type === "checkbox" || el.type === "radio") && !el.checked) continue;
      if (el.tagName === "SELECT") {
        for (const option of el.selectedOptions) out.push([el.name, option.value, option.text]);
      } else {
        out.push([el.name, el.value]);
      }
    }
    return out;
  }
  function restore(list) {
    const values = new Map();
    for (const [name, value, label] of list) {
      if (!values.has(name)) values.set(name, []);
      values.get(name).push([value, label || value]);
    }
    for (const el of form.elements) {
      if (skipped(el) || (el.type === "hidden" && el.name !== "seen")) continue;
      const mine = values.get(el.name) || [];
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = mine.some(([value]) => value === el.value);
      } else if (el.tagName === "SELECT") {
        for (const [value, label] of mine) {
          if (![...el.options].some((option) => option.value === value)) el.add(new Option(label, value));
        }
        for (const option of el.options) option.selected = mine.some(([value]) => value === option.value);
      } else if (mine.length) {
        el.value = mine.shift()[0];  // same-named inputs take their values in order
      } else {
        continue;
      }
      el.dispatchEvent(new Event("input", { bubbles: true }));
      el.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  // The copy kept in this browser while the server cannot take it.
  function keepHere(list) {
    try {
      localStorage.setItem(config.key, JSON.stringify({ fields: list, saved_at: new Date().toISOString() }));
    } catch (error) { /* storage full or off: the text is still on the page */ }
  }
  function keptHere() {
    try { return JSON.parse(localStorage.getItem(config.key) || "null"); } catch (error) { return null; }
  }
  function forgetHere() {
    try { localStorage.removeItem(config.key); } catch (error) { /* nothing kept */ }
  }
  function clock(iso) {
    return new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hour12: false });
  }

  function token() { return form.querySelector("input[name=csrfmiddlewaretoken]"); }
  async function call(body) {
    return fetch(body === undefined ? config.url + "discard/" : config.url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token().value },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  // Whether the session is alive; if so, the page takes its security token (signing in
  // again in another tab changes it).
  async function alive() {
    let answer;
    try {
      answer = await fetch(config.session_url, { credentials: "same-origin", cache: "no-store" });
    } catch (error) {
      return null;  // no answer: unknown
    }
    if (!answer.ok) return false;
    const body = await answer.json();
    token().value = body.csrf_token;
    lastAlive = Date.now();
    out = false;
    return true;
  }
  function signedOut() {
    out = true;
    keepHere(fields());
    const link = document.createElement("a");
    link.href = config.login_url;
    link.target = "_blank";
    link.rel = "noopener";
    link.textContent = "Sign in (new tab)";
    say("You were signed out: sign in again in a new tab; your text is kept. ", "alert", link);
    clearInterval(recheck);
    recheck = setInterval(async function () {
      if (await alive()) {
        clearInterval(recheck);
        recheck = null;
        back = true;
        say("Signed in again: your text is all here. Save when you are ready.", "ok");
        unsent = true;
        send();
      }
    }, RECHECK);
  }

  async function send(retried) {
    timer = null;
    if (!unsent || sending) return;
    sending = true;
    unsent = false;
    firstUnsent = 0;
    const list = fields();
    let answer = null;
    try {
      answer = await call({ fields: list });
    } catch (error) { /* the server did not answer */ }
    sending = false;
    if (answer && answer.ok) {
      lastAlive = Date.now();
      const body = await answer.json();
      forgetHere();
      if (back) {
        say(`Signed in again: your text is all here (kept at ${body.when}). Save when you are ready.`, "ok");
        back = false;
      } else if (!recheck) {
        say(`Your typing is kept for you (saved at ${body.when}); only you see it.`, "quiet");
      }
      return;
    }
    unsent = true;
    keepHere(list);
    const refusal = answer ? await answer.json().catch(() => ({})) : {};
    if (answer && (answer.status === 401 || refusal.error === "csrf")) {
      const state = await alive();
      if (state && !retried) return send(true);  // a new token after signing in again
      if (state === false) return signedOut();
    } else if (answer && answer.status < 500) {
      // Refused for good (not allowed, too large): said once, kept in this browser.
      return say(`Not kept on the server: ${refusal.message || answer.status}`, "alert");
    }
    say("Not kept on the server just now; your text is kept in this browser. Trying again.", "alert");
    timer = setTimeout(send, AT_MOST);
  }

  // A save goes only to a live session; otherwise it would end on the sign-in page. A
  // session seen alive in the last minute is trusted (the save leaves at once); an older
  // one is asked about first, and a signed-out page keeps the save until signed in again.
  function leaving() {
    confirmed = true;
    changed = false;
    clearTimeout(timer);
    forgetHere();  // the server's copy goes when the save succeeds
  }
  form.addEventListener("submit", async function (event) {
    if (confirmed) return;
    if (!out && Date.now() - lastAlive < FRESH) return leaving();
    event.preventDefault();
    const submitter = event.submitter;
    const state = await alive();
    if (state === false) return signedOut();
    leaving();
    form.requestSubmit(submitter && submitter.form === form ? submitter : undefined);
  });

  // When the form opens: the newest copy of what was being typed, if any, offered back.
  let offered = config.kept;
  const local = keptHere();
  if (local && (!offered || Date.parse(local.saved_at) > Date.parse(offered.saved_at))) {
    offered = { fields: local.fields, when: clock(local.saved_at) };
  }
  if (config.offer && offered) {
    say(
      "You have unsaved typing on this form. ", "offer",
      button(`Restore what you were typing (saved at ${offered.when})`, function () {
        restore(offered.fields);
        say("Restored what you were typing. Save it when you are ready.", "ok");
      }),
      document.createTextNode(" "),
      button("Discard it", async function () {
        forgetHere();
        try { await call(); } catch (error) { /* kept on the server: offered again */ }
        line.hidden = true;
      }),
    );
  }
})();
