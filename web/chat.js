// Harbor web chat. No cookies, no third-party code; the session token lives in
// sessionStorage only and is wiped by Quick exit. An advocate's messages are fetched
// every few seconds (the server cannot push to a page).
(function () {
  "use strict";
  var NEUTRAL_SITE = "https://www.weather.gov/";
  var KEY = "harbor-session";
  var POLL_MS = 3000;
  var log = document.getElementById("log");
  var input = document.getElementById("message");

  function sessionToken() {
    var token = sessionStorage.getItem(KEY);
    if (!token) {
      var bytes = new Uint8Array(16);
      crypto.getRandomValues(bytes);
      token = Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
      sessionStorage.setItem(KEY, token);
    }
    return token;
  }

  function show(text, who) {
    var div = document.createElement("div");
    div.className = "msg " + who;
    div.textContent = text;
    log.appendChild(div);
    log.scrollTop = log.scrollHeight;
  }

  function showChoices(buttons) {
    var row = document.createElement("div");
    row.className = "choices";
    buttons.forEach(function (b) {
      var btn = document.createElement("button");
      btn.type = "button";
      btn.textContent = b.title;
      btn.addEventListener("click", function () { send(b.payload, b.title); });
      row.appendChild(btn);
    });
    log.appendChild(row);
    log.scrollTop = log.scrollHeight;
  }

  function send(message, shown) {
    show(shown || message, "user");
    fetch("webhook", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ session: sessionToken(), message: message })
    }).then(function (r) {
      if (!r.ok) { throw new Error("status " + r.status); }
      return r.json();
    }).then(function (replies) {
      replies.forEach(function (m) {
        if (m.text) { show(m.text, "bot"); }
        if (m.buttons && m.buttons.length) { showChoices(m.buttons); }
      });
    }).catch(function () {
      show("Sorry, I could not reach Harbor. If you are in danger call 911. " +
           "Trafficking hotline: 1-888-373-7888. Crisis line: call or text 988.", "bot");
    });
  }

  function pollAdvocate() {
    var token = sessionStorage.getItem(KEY);
    if (!token) { return; }
    fetch("messages", { headers: { "X-Harbor-Session": token } }).then(function (r) {
      return r.ok ? r.json() : [];
    }).then(function (messages) {
      messages.forEach(function (m) { if (m.text) { show(m.text, "bot advocate"); } });
    }).catch(function () { /* offline for a moment: try again at the next tick */ });
  }

  var confirmBox = document.getElementById("confirm-delete");
  function deleteChat() {
    var token = sessionStorage.getItem(KEY);
    confirmBox.hidden = true;
    if (!token) { show("There is no chat to delete.", "bot"); return; }
    fetch("delete", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ session: token })
    }).then(function (r) {
      if (!r.ok) { throw new Error("status " + r.status); }
      sessionStorage.clear();
      log.textContent = "";
      show("Your chat is deleted from Harbor. If you write again, it starts fresh.", "bot");
    }).catch(function () {
      show("Sorry, the chat could not be deleted right now. Please try again.", "bot");
    });
  }
  document.getElementById("delete-chat").addEventListener("click", function () { confirmBox.hidden = false; });
  document.getElementById("delete-no").addEventListener("click", function () { confirmBox.hidden = true; });
  document.getElementById("delete-yes").addEventListener("click", deleteChat);
  document.getElementById("staff").addEventListener("click", function () {
    send("/staff_identify", "I work with youth");
  });

  function quickExit() {
    sessionStorage.clear();
    document.body.innerHTML = "";
    window.location.replace(NEUTRAL_SITE);
  }

  document.getElementById("quick-exit").addEventListener("click", quickExit);
  var lastEsc = 0;
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") { return; }
    var now = Date.now();
    if (now - lastEsc < 800) { quickExit(); }
    lastEsc = now;
  });
  document.getElementById("composer").addEventListener("submit", function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (text) { input.value = ""; send(text); }
  });
  send("hi", "Hi");
  setInterval(pollAdvocate, POLL_MS);
})();
